package io.jpm.engine.daemon;

import io.jpm.engine.supervise.ActorExecutor;
import io.jpm.engine.supervise.Supervisor;
import io.jpm.ipc.ControlServer;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.LocalControlServer;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The daemon: binds the control plane, hands commands to the {@link Supervisor}, and shuts down in a fixed order
 * (stop accepting commands is last, so that {@code jpm kill} gets its answer).
 *
 * <p>Threading: commands arrive on {@code jpm-control} (ZeroMQ) and {@code jpm-local} (the local socket) and are
 * answered by futures that the supervisor's own thread completes. Shutdown runs once, on whichever thread asks first (a {@code kill} command or a signal's hook).
 */
public final class Daemon {
    private final JpmHome home;
    private final DaemonLogWriter log;
    private final Supervisor supervisor;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();
    private volatile ControlServer server;
    private volatile LocalControlServer local;
    private volatile boolean shuttingDown;

    private Daemon(JpmHome home, DaemonLogWriter log, LongSupplier nanoClock, LongSupplier wallClock)
            throws IOException {
        this.home = home;
        this.log = log;
        this.supervisor = new Supervisor(
                home,
                log,
                new ActorExecutor("jpm-supervisor", log),
                nanoClock,
                wallClock,
                this::publish,
                new OwnCommands());
    }

    /**
     * Starts the daemon for {@code home}, in this order: the supervisor, the control plane, daemon.json and the pid
     * file, the signal handlers, then the recovery of the apps of dump.json.
     */
    public static Daemon start(JpmHome home, DaemonLogWriter log, LongSupplier nanoClock, LongSupplier wallClock)
            throws IOException {
        Daemon d = new Daemon(home, log, nanoClock, wallClock);
        CurveKeys.Pair serverKeys = CurveKeys.serverPair(home);
        CurveKeys.clientPair(home);
        d.server = ControlServer.start(home, serverKeys, d::handle, log::warn);
        DaemonInfo info = d.server.info(Version.get(), wallClock.getAsLong());
        long pid = info.pid();
        info.write(home);
        d.local = LocalControlServer.start(home.controlSocket(), d::handle, log::warn, nanoClock);
        JpmHome.writePrivateAtomically(home.pidFile(), (pid + "\n").getBytes(StandardCharsets.US_ASCII));
        log.info("jpm daemon " + Version.get() + " started: pid " + pid + ", commands " + info.commandEndpoint()
                + ", events " + info.eventEndpoint() + ", local " + d.local.path() + ", home " + home);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> d.shutdown("signal").join(), "jpm-shutdown-hook"));
        ignoreHangup();
        d.reopenLogsOn("USR2");
        d.supervisor.recover();
        return d;
    }

    /** A detached daemon has no terminal, but a stray SIGHUP must not end it. */
    @SuppressWarnings("restriction")
    private static void ignoreHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {});
        } catch (IllegalArgumentException e) {
            // the JVM was started with -Xrs or the signal is taken; nothing to do
        }
    }

    /** An external logrotate sends SIGUSR2 (as for PM2): reopen every log file, daemon.log included. */
    @SuppressWarnings("restriction")
    private void reopenLogsOn(String signal) {
        try {
            sun.misc.Signal.handle(
                    new sun.misc.Signal(signal), sig -> reloadLogs().whenComplete((r, e) -> {
                        if (e != null) log.warn("SIG" + signal + ": " + e.getMessage());
                        else if (!r.ok())
                            log.warn("SIG" + signal + ": " + r.error().message());
                        else log.info("SIG" + signal + ": log files reopened");
                    }));
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIG" + signal + " (" + e.getMessage() + "); use jpm reloadLogs");
        }
    }

    private CompletableFuture<Reply> reloadLogs() {
        return supervisor.handle(new Request.ReloadLogs());
    }

    private void publish(String topic, Object payload) {
        ControlServer s = server;
        if (s == null) return;
        if (payload instanceof byte[] json) s.publishRaw(topic, json); // already encoded (log lines)
        else s.publish(topic, payload);
    }

    private CompletableFuture<Reply> handle(Request request) {
        if (shuttingDown && !(request instanceof Request.Ping)) {
            return CompletableFuture.completedFuture(Reply.error(ErrorCode.CONFLICT, "the daemon is shutting down"));
        }
        return supervisor.handle(request);
    }

    /** The daemon's own commands, which the supervisor's dispatch hands back here. */
    private final class OwnCommands implements Supervisor.DaemonCommands {
        @Override
        public Reply ping() {
            return Reply.ok(Map.of(
                    "pong",
                    true,
                    "version",
                    Version.get(),
                    "pid",
                    ProcessHandle.current().pid()));
        }

        @Override
        public Reply hello(String topic) {
            publish(topic, Map.of("hello", true));
            return Reply.ok(null);
        }

        @Override
        public Reply kill() {
            // answer first, then stop every app and exit
            Thread t = new Thread(
                    () -> {
                        shutdown("kill command").join();
                        System.exit(0);
                    },
                    "jpm-kill");
            t.start();
            return Reply.ok(Map.of("pid", ProcessHandle.current().pid()));
        }

        @Override
        public void reopenOwnLog() {
            log.reopen();
        }
    }

    /** Stops every app gracefully, then the control plane. Idempotent. */
    public CompletableFuture<Void> shutdown(String why) {
        synchronized (this) {
            if (shuttingDown) return shutdown;
            shuttingDown = true;
        }
        log.info("shutting down (" + why + "): stopping every app");
        try {
            supervisor.shutdown().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("apps did not all stop in time: " + e);
        }
        try {
            if (local != null) local.close();
            if (server != null) server.close();
            Files.deleteIfExists(home.pidFile());
            Files.deleteIfExists(home.daemonJson());
        } catch (IOException | RuntimeException e) {
            log.warn("shutdown: " + e);
        }
        log.info("daemon stopped");
        terminated.countDown();
        shutdown.complete(null);
        return shutdown;
    }

    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }
}
