package io.jpm.tui.cli;

import io.jpm.ipc.Hosts;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.tui.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jpm hosts}: the other hosts' daemons that {@code --host} and {@code --hosts} reach. */
@Command(
        name = "hosts",
        description = "The other hosts this host's commands reach: add, list, remove, prometheus-targets.",
        subcommands = {
            HostsCommands.Add.class,
            HostsCommands.ListHosts.class,
            HostsCommands.Remove.class,
            HostsCommands.PrometheusTargets.class
        })
final class HostsCommands implements Runnable {
    @ParentCommand
    Jpm jpm;

    @Override
    public void run() {
        throw new CliException("say what: jpm hosts add NAME tcp://ADDR:PORT KEY | list | remove NAME", 2);
    }

    Hosts read() {
        jpm.requireLocal("hosts");
        return jpm.hosts();
    }

    void write(Hosts hosts) {
        Path file = jpm.home().hostsFile();
        try {
            JpmHome home = jpm.home().ensureCreated();
            hosts.write(home.hostsFile());
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "add", description = "Name another host's daemon: its endpoint and server key (jpm remote status).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        HostsCommands hosts;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "tcp://ADDR:PORT")
        String endpoint;

        @Parameters(index = "2", paramLabel = "SERVER_PUBLIC_KEY")
        String key;

        @Override
        public Integer call() {
            Hosts updated;
            try {
                updated = hosts.read().with(new Hosts.Host(name, endpoint, key));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            hosts.write(updated);
            hosts.jpm.out().println("added host " + name + " " + endpoint);
            return 0;
        }
    }

    @Command(name = "list", description = "The known hosts.")
    static final class ListHosts implements Callable<Integer> {
        @ParentCommand
        HostsCommands hosts;

        @Override
        public Integer call() {
            var all = hosts.read().all();
            if (all.isEmpty())
                hosts.jpm.out().println("(no hosts; add one with: jpm hosts add NAME tcp://ADDR:PORT KEY)");
            for (Hosts.Host h : all) {
                hosts.jpm.out().printf("%-16s %-28s %s%n", h.name(), h.endpoint(), h.serverPublicKey());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a host.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        HostsCommands hosts;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Hosts updated;
            try {
                updated = hosts.read().without(name);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            hosts.write(updated);
            hosts.jpm.out().println("removed host " + name);
            return 0;
        }
    }

    @Command(
            name = "prometheus-targets",
            description = "Print (or write to --out) a Prometheus file_sd list of every host's metrics endpoint, "
                    + "served by jpm metrics --port PORT --listen ADDR on each host.")
    static final class PrometheusTargets implements Callable<Integer> {
        @ParentCommand
        HostsCommands hosts;

        @Option(names = "--port", required = true, paramLabel = "PORT", description = "The hosts' metrics port.")
        int port;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (atomically) instead of stdout.")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (port < 1 || port > 65535) throw new CliException("port out of 1..65535: " + port, 2);
            var groups = Json.MAPPER.createArrayNode();
            for (Hosts.Host h : hosts.read().all()) {
                var group = groups.addObject();
                group.putArray("targets").add(h.address() + ":" + port);
                group.putObject("labels").put("jpm_host", h.name());
            }
            byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(groups);
            if (out == null) {
                hosts.jpm.out().println(new String(json, java.nio.charset.StandardCharsets.UTF_8));
            } else {
                Path target = hosts.jpm.cwd().resolve(out);
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                java.nio.file.Files.write(tmp, json);
                java.nio.file.Files.move(
                        tmp,
                        target,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                hosts.jpm.out().println("wrote " + groups.size() + " targets to " + target);
            }
            return 0;
        }
    }
}
