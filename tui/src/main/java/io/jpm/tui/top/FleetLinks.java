package io.jpm.tui.top;

import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.Hosts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The links of {@code jpm-top --hosts}: one {@link DaemonLink} per host, each reporting as {@link Input.FromHost}, and
 * each command sent to the link of the host it names. A host that goes away only marks its own rows; its link
 * attaches again by itself while the others carry on.
 */
final class FleetLinks implements CommandSink, AutoCloseable {
    /** The links by host name, in the hosts' order; fixed at construction. */
    private final Map<String, CommandSink> links;

    private final List<AutoCloseable> closers;
    private final Consumer<Input> out;

    FleetLinks(Map<String, ? extends CommandSink> links, List<AutoCloseable> closers, Consumer<Input> out) {
        this.links = new LinkedHashMap<>(links);
        this.closers = List.copyOf(closers);
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Starts a link to every host in {@code hosts}, with this host's client keys. */
    static FleetLinks start(List<Hosts.Host> hosts, CurveKeys.Pair keys, Consumer<Input> out) {
        Map<String, DaemonLink> links = new LinkedHashMap<>();
        for (Hosts.Host h : hosts) {
            String name = h.name();
            links.put(
                    name,
                    DaemonLink.remote(
                            name, h.daemon(), keys, hosts.size(), in -> out.accept(new Input.FromHost(name, in))));
        }
        links.values().forEach(DaemonLink::start);
        return new FleetLinks(links, List.copyOf(links.values()), out);
    }

    @Override
    public void submit(Command command) {
        CommandSink link = links.get(command.host());
        if (link == null) {
            out.accept(new Input.Done(command, null, "no such host: " + command.host()));
        } else {
            link.submit(command);
        }
    }

    /** Closes every link; each waits for its own threads. */
    @Override
    public void close() {
        for (AutoCloseable c : closers) {
            try {
                c.close();
            } catch (Exception e) {
                // a link's close only joins its threads; nothing is left to release
            }
        }
    }
}
