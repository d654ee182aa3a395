package io.jpm.tui.top;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.EventSubscriber;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * The console's only way to the daemon, through ipc.
 *
 * <p>Threading: two named daemon threads, each owning its own sockets. {@code jpm-top-events} attaches (ping, SUB to
 * {@code stats}, {@code event.} and {@code log.}, then {@code list}, {@code history} and a log tail), pumps what is
 * published into the console's queue, and polls {@code list} every second when no {@code stats} came for 3 s. When
 * the daemon goes away it reports {@link Input.Disconnected} and attaches again with a backoff of 0.2 s to 2 s, to
 * whatever daemon {@code daemon.json} names then. {@code jpm-top-commands} runs the user's commands one at a time
 * on its own REQ socket, so a long reload never stalls the stream. Log messages are read with a streaming parser
 * and handed over in batches (at most every 30 ms), so a flood costs one queue entry per batch, not per line. Neither thread is ever interrupted (JeroMQ
 * sockets do not survive it); they stop on {@link #running} within a poll interval.
 */
public final class DaemonLink implements CommandSink, AutoCloseable {
    private static final long POLL_MS = 10;
    private static final long IDLE_POLL_MS = 250;
    private static final long STATS_SILENCE_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long LIST_EVERY_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long LOG_BATCH_NS = TimeUnit.MILLISECONDS.toNanos(30);
    private static final int TAIL_LINES = 20;

    private final JpmHome home;
    private final Consumer<Input> out;
    private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    /** Cleared by {@link #close}; both threads check it between polls. */
    private volatile boolean running = true;
    /** The daemon the events thread is attached to, or null; the commands thread follows it. */
    private volatile DaemonInfo attached;

    private final Thread events;
    private final Thread commander;

    public DaemonLink(JpmHome home, Consumer<Input> out) {
        this.home = Objects.requireNonNull(home, "home");
        this.out = Objects.requireNonNull(out, "out");
        events = new Thread(this::eventsLoop, "jpm-top-events");
        commander = new Thread(this::commandsLoop, "jpm-top-commands");
        events.setDaemon(true);
        commander.setDaemon(true);
    }

    public DaemonLink start() {
        events.start();
        commander.start();
        return this;
    }

    @Override
    public void submit(Command command) {
        commands.add(command);
    }

    private CurveKeys.Pair keys() throws IOException {
        return CurveKeys.read(home.keys().resolve("client.key"));
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
        Optional<DaemonInfo> found = DaemonInfo.read(home);
        if (found.isEmpty() || !alive(found.get().pid())) return null;
        DaemonInfo info = found.get();
        CurveKeys.Pair keys = keys();
        try (ControlClient client = new ControlClient(info, keys);
                EventSubscriber sub =
                        new EventSubscriber(info, keys, Topics.STATS, Topics.EVENT_PREFIX, Topics.LOG_PREFIX)) {
            if (!client.call(new Request.Ping(), 3_000, 0).ok()) return null;
            if (!sub.awaitSubscribed(client, 5_000)) return null;
            attached = info;
            out.accept(new Input.Connected(info.commandEndpoint()));
            Reply list = client.call(new Request.ListWorkers(), 5_000, 1);
            if (list.ok()) out.accept(new Input.Workers(WorkerRow.listFrom(list.result()), null));
            try {
                Reply history = client.call(new Request.History(), 3_000, 0);
                if (history.ok()) out.accept(new Input.History(history.result()));
            } catch (DaemonUnreachableException e) {
                // an older daemon: no history, empty sparklines until stats arrive
            }
            Reply tail = client.call(new Request.Logs(Request.ALL, TAIL_LINES, null), 5_000, 0);
            if (tail.ok()) out.accept(new Input.Logs(LogTail.lines(tail.result())));
            return pump(info, client, sub);
        } catch (DaemonUnreachableException e) {
            return attached == null ? null : "no reply from the daemon";
        } finally {
            attached = null;
        }
    }

    private String pump(DaemonInfo info, ControlClient client, EventSubscriber sub) {
        long lastStats = System.nanoTime() - STATS_SILENCE_NS;
        long lastList = System.nanoTime();
        long lastAliveCheck = System.nanoTime();
        List<LogLine> pending = new ArrayList<>();
        long pendingSince = 0;
        ZMQ.Socket socket = sub.socket();
        int timeout = -1;
        while (running) {
            // idle: wake up rarely; with lines waiting for their batch: soon
            int wanted = pending.isEmpty() ? (int) IDLE_POLL_MS : (int) POLL_MS;
            if (wanted != timeout) socket.setReceiveTimeOut(timeout = wanted);
            byte[] topicBytes = socket.recv();
            long now = System.nanoTime();
            boolean got = topicBytes != null;
            if (got) {
                byte[] body = socket.hasReceiveMore() ? socket.recv() : new byte[0];
                while (socket.hasReceiveMore()) socket.recv();
                String topic = new String(topicBytes, StandardCharsets.UTF_8);
                if (topic.startsWith(Topics.LOG_PREFIX)) {
                    if (pending.isEmpty()) pendingSince = now;
                    LogMessageReader.read(body, pending);
                } else if (topic.equals(Topics.STATS)) {
                    JsonNode stats = tree(body);
                    if (stats != null) {
                        lastStats = now;
                        out.accept(new Input.Workers(WorkerRow.listFrom(stats.path("workers")), stats.path("host")));
                    }
                } else if (topic.startsWith(Topics.EVENT_PREFIX)) {
                    JsonNode event = tree(body);
                    if (event != null) out.accept(event(event));
                }
            }
            if (!pending.isEmpty() && (!got || now - pendingSince >= LOG_BATCH_NS || pending.size() >= 5_000)) {
                out.accept(new Input.Logs(pending));
                pending = new ArrayList<>();
            }
            if (now - lastAliveCheck >= LIST_EVERY_NS) {
                lastAliveCheck = now;
                if (!alive(info.pid())) return "the daemon (pid " + info.pid() + ") exited";
            }
            if (now - lastStats >= STATS_SILENCE_NS && now - lastList >= LIST_EVERY_NS) {
                lastList = now;
                try {
                    Reply list = client.call(new Request.ListWorkers(), 5_000, 0);
                    if (list.ok()) out.accept(new Input.Workers(WorkerRow.listFrom(list.result()), null));
                } catch (DaemonUnreachableException ex) {
                    return "no reply from the daemon";
                }
            }
        }
        return null;
    }

    private static JsonNode tree(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static Input event(JsonNode body) {
        String detail = body.has("code")
                ? "code " + body.path("code").asText()
                : body.has("signal") ? body.path("signal").asText() : "";
        return new Input.WorkerEvent(
                body.path("app").asText("?"),
                body.path("id").asInt(),
                body.path("event").asText("?"),
                detail);
    }

    private void commandsLoop() {
        ControlClient client = null;
        DaemonInfo clientOf = null;
        try {
            while (running) {
                Command c = commands.poll(500, TimeUnit.MILLISECONDS);
                if (c == null) continue;
                DaemonInfo info = attached;
                if (info == null) {
                    out.accept(new Input.Done(c, null, "not connected to the daemon"));
                    continue;
                }
                try {
                    if (client == null || !info.equals(clientOf)) {
                        if (client != null) client.close();
                        client = new ControlClient(info, keys());
                        clientOf = info;
                    }
                    Reply r = client.call(c.request());
                    out.accept(
                            r.ok()
                                    ? new Input.Done(c, r.result(), null)
                                    : new Input.Done(c, null, r.error().message()));
                } catch (DaemonUnreachableException | IOException e) {
                    client.close();
                    client = null;
                    out.accept(new Input.Done(c, null, e.getMessage()));
                } catch (RuntimeException e) {
                    out.accept(new Input.Done(c, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (client != null) client.close();
        }
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
        join(events);
        join(commander);
    }

    private static void join(Thread t) {
        try {
            t.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
