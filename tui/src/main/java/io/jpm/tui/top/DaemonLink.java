package io.jpm.tui.top;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.EventSubscriber;
import io.jpm.ipc.JpmClient;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Request;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.ConsoleStats;
import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.Published;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WorkerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The console's only way to the daemon, through ipc.
 *
 * <p>Threading: two named daemon threads, each owning its own sockets. {@code jpm-top-events} attaches (ping, SUB to
 * {@code view.stats} (the console's compact copy of {@code stats}), {@code event.} and the display-rate log stream
 * {@code view.}, or a fleet console's share of it, then {@code list}, {@code history} and a log tail), pumps what is
 * published into the console's queue, and polls {@code list} every second when no {@code view.stats} came for 3 s
 * (so an older daemon, which has no {@code view.stats}, still fills the grid). When the daemon goes away it reports
 * {@link Input.Disconnected} and attaches again with a backoff of 0.2 s to 2 s, to whatever daemon
 * {@code daemon.json} names then. {@code jpm-top-commands} ({@link CommandRunner}) runs the user's commands one at a
 * time on its own client, so a long reload never stalls the stream. Log messages arrive as records (read with a
 * streaming parser) and are handed over in batches (at most every 30 ms), so a flood costs one queue entry per
 * batch, not per line. Neither thread is ever interrupted (JeroMQ sockets do not survive it); they stop on
 * {@link #running} within a poll interval.
 *
 * <p>A link to a remote host ({@link #remote}) has a fixed endpoint and no pid to watch: it finds the daemon gone when
 * no {@code view.stats} came for 3 s and a {@code list} gets no answer within 2 s.
 */
public final class DaemonLink implements CommandSink, AutoCloseable {
    private static final long POLL_MS = 10;
    private static final long IDLE_POLL_MS = 250;
    private static final long STATS_SILENCE_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long LIST_EVERY_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_BATCH_NS = TimeUnit.MILLISECONDS.toNanos(30);
    private static final int TAIL_LINES = 20;

    private static final long REMOTE_LIST_TIMEOUT_MS = 2_000;

    /** The local daemon's home, or null for a remote host. */
    private final JpmHome home;
    /** A remote host's daemon and this host's client keys, or null for the local daemon. */
    private final DaemonInfo remote;

    private final CurveKeys.Pair remoteKeys;
    /** The share of a screenful of log lines this link asks its daemon for: 1, or 1/n with n hosts in one pane. */
    private final int viewShare;

    private final Consumer<Input> out;
    /** Cleared by {@link #close}; both threads check it between polls. */
    private volatile boolean running = true;
    /** The daemon the events thread is attached to, or null; the {@link CommandRunner} follows it. */
    private volatile DaemonInfo attached;

    private final Thread events;
    private final CommandRunner commander;

    public DaemonLink(JpmHome home, Consumer<Input> out) {
        this(Objects.requireNonNull(home, "home"), null, null, 1, out, "");
    }

    private DaemonLink(
            JpmHome home, DaemonInfo remote, CurveKeys.Pair keys, int viewShare, Consumer<Input> out, String suffix) {
        this.home = home;
        this.remote = remote;
        this.remoteKeys = keys;
        this.viewShare = Math.clamp(viewShare, 1, Topics.MAX_VIEW_SHARE);
        this.out = Objects.requireNonNull(out, "out");
        events = new Thread(this::eventsLoop, "jpm-top-events" + suffix);
        commander = new CommandRunner(() -> attached, this::keys, this.out, "jpm-top-commands" + suffix);
        events.setDaemon(true);
    }

    /**
     * A link to the daemon at {@code daemon}'s fixed endpoints, named {@code name} in its threads, for a pane that
     * shows {@code hosts} hosts: it asks for that share of a screenful of log lines (at most {@link
     * Topics#MAX_VIEW_SHARE}).
     */
    public static DaemonLink remote(
            String name, DaemonInfo daemon, CurveKeys.Pair keys, int hosts, Consumer<Input> out) {
        return new DaemonLink(
                null,
                Objects.requireNonNull(daemon, "daemon"),
                Objects.requireNonNull(keys, "keys"),
                hosts,
                out,
                "-" + Objects.requireNonNull(name, "name"));
    }

    public DaemonLink start() {
        events.start();
        commander.start();
        return this;
    }

    @Override
    public void submit(Command command) {
        commander.submit(command);
    }

    private CurveKeys.Pair keys() throws IOException {
        return remoteKeys != null ? remoteKeys : CurveKeys.read(home.keys().resolve("client.key"));
    }

    private void eventsLoop() {
        long backoffMs = 200;
        while (running) {
            try {
                String lost = attachAndPump();
                if (lost != null) {
                    out.accept(new Input.Disconnected(lost));
                    backoffMs = 200;
                }
            } catch (Exception e) {
                attached = null;
                out.accept(new Input.Disconnected(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            sleep(backoffMs);
            backoffMs = Math.min(2_000, backoffMs * 2);
        }
    }

    /** Null when no daemon answered; otherwise attaches, pumps until the link is lost, and says why. */
    private String attachAndPump() throws IOException, DaemonUnreachableException {
        Optional<DaemonInfo> found = remote != null ? Optional.of(remote) : DaemonInfo.read(home);
        if (found.isEmpty() || (remote == null && !alive(found.get().pid()))) return null;
        DaemonInfo info = found.get();
        CurveKeys.Pair keys = keys();
        try (JpmClient client = new JpmClient(new ControlClient(info, keys));
                EventSubscriber sub = new EventSubscriber(
                        info, keys, Topics.VIEW_STATS, Topics.EVENT_PREFIX, Topics.viewPrefix(viewShare))) {
            client.call(new Request.Ping(), 3_000, 0);
            if (!sub.awaitSubscribed(client, 5_000)) return null;
            attached = info;
            out.accept(new Input.Connected(info.commandEndpoint()));
            out.accept(new Input.Workers(
                    WorkerRow.listOf(
                            client.call(new Request.ListWorkers(), 5_000, 1).workers()),
                    null));
            try {
                out.accept(new Input.History(client.call(new Request.History(), 3_000, 0)));
            } catch (DaemonUnreachableException | CommandException e) {
                // an older daemon: no history, empty sparklines until stats arrive
            }
            out.accept(new Input.Logs(
                    TailMerge.lines(client.call(new Request.Logs(Request.ALL, TAIL_LINES, null), 5_000, 0))));
            return pump(info, client, sub);
        } catch (DaemonUnreachableException | CommandException e) {
            return attached == null ? null : "no reply from the daemon";
        } finally {
            attached = null;
        }
    }

    /** The log pane's note for lines the display-rate stream left out. */
    static LogLine skippedLine(long lines) {
        return new LogLine("jpm", -1, false, "… " + lines + " lines not shown (display rate; jpm logs has every line)");
    }

    private String pump(DaemonInfo info, JpmClient client, EventSubscriber sub) {
        long lastStats = System.nanoTime() - STATS_SILENCE_NS;
        long lastList = System.nanoTime();
        long lastAliveCheck = System.nanoTime();
        List<LogLine> pending = new ArrayList<>();
        long pendingSince = 0;
        while (running) {
            // idle: wake up rarely; with lines waiting for their batch: soon
            Optional<Published> message = sub.receive(pending.isEmpty() ? IDLE_POLL_MS : POLL_MS);
            long now = System.nanoTime();
            boolean got = message.isPresent();
            if (got) {
                switch (message.get()) {
                    case LogBatch batch -> {
                        if (pending.isEmpty()) pendingSince = now;
                        pending.addAll(LogLine.of(batch));
                    }
                    case ConsoleStats stats -> {
                        lastStats = now;
                        out.accept(new Input.Workers(WorkerRow.listOf(stats), stats.host()));
                    }
                    case Stats stats -> {} // not subscribed: view.stats carries what the console draws
                    case WorkerEvent event -> out.accept(event(event));
                    case Published.Skipped skipped -> {
                        if (pending.isEmpty()) pendingSince = now;
                        pending.add(skippedLine(skipped.lines()));
                    }
                    case Published.Hello hello -> {}
                }
            }
            if (!pending.isEmpty() && (!got || now - pendingSince >= LOG_BATCH_NS || pending.size() >= 5_000)) {
                out.accept(new Input.Logs(pending));
                pending = new ArrayList<>();
            }
            if (now - lastAliveCheck >= LIST_EVERY_NS) {
                lastAliveCheck = now;
                if (remote == null && !alive(info.pid())) return "the daemon (pid " + info.pid() + ") exited";
            }
            if (now - lastStats >= STATS_SILENCE_NS && now - lastList >= LIST_EVERY_NS) {
                lastList = now;
                try {
                    Results.Workers list =
                            client.call(new Request.ListWorkers(), remote == null ? 5_000 : REMOTE_LIST_TIMEOUT_MS, 0);
                    out.accept(new Input.Workers(WorkerRow.listOf(list.workers()), null));
                } catch (DaemonUnreachableException | CommandException ex) {
                    return "no reply from the daemon";
                }
            }
        }
        return null;
    }

    private static Input event(WorkerEvent e) {
        String detail = e.code() != null ? "code " + e.code() : e.signal() != null ? e.signal() : "";
        return new Input.WorkerEvent(e.app(), e.id(), e.kind().wire(), detail);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void sleep(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops both threads, waiting up to a second for each to close its sockets. */
    @Override
    public void close() {
        running = false;
        commander.close();
        join(events);
    }

    private static void join(Thread t) {
        try {
            t.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
