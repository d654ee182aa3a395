package io.jpm.engine.daemon;

import io.jpm.engine.config.DaemonEnvironment;
import io.jpm.engine.notify.SdNotify;
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
import io.jpm.ipc.wire.Results;
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
 * answered by futures that the supervisor's own thread completes. Shutdown runs once, on whichever thread asks first
 * (a {@code kill} command or a signal's hook). In {@link DaemonMode#keepAppsOnSigterm()} mode SIGTERM ends the daemon
 * alone and leaves the apps running for the next daemon to adopt; SIGINT and {@code jpm kill} still stop them.
 */
public final class Daemon {
    private final JpmHome home;
    private final DaemonLogWriter log;
    private final Supervisor supervisor;
    private final SdNotify notify;
    private final CountDownLatch terminated = new CountDownLatch(1);
    /** The supervisor's and the hello command's way to the event socket. */
    private final DaemonPublisher publisher;

    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();
    /**
     * Completed once the apps of state.json are back. The sockets listen before (daemon.json must name them), but
     * a command that came earlier would see no app: a list would be empty, a delete would delete nothing.
     */
    private final CompletableFuture<Void> recovered = new CompletableFuture<>();

    private volatile ControlServer server;
    private volatile LocalControlServer local;
    private volatile RemoteAccess remote;
    private volatile boolean shuttingDown;
    /** Run by a service manager (jpm startup's unit), which must be the one to restart it: no update then. */
    private volatile boolean foreground;

    private Daemon(
            JpmHome home,
            DaemonLogWriter log,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            SdNotify notify,
            DaemonEnvironment environment)
            throws IOException {
        this.home = home;
        this.log = log;
        this.notify = notify;
        this.publisher = new DaemonPublisher(() -> server, nanoClock);
        this.supervisor = new Supervisor(
                home,
                log,
                new ActorExecutor("jpm-supervisor", log),
                nanoClock,
                wallClock,
                publisher,
                new OwnCommands(),
                environment);
    }

    /** Starts a detached daemon (as clients do), which tells no service manager anything. */
    public static Daemon start(JpmHome home, DaemonLogWriter log, LongSupplier nanoClock, LongSupplier wallClock)
            throws IOException {
        return start(
                home,
                log,
                nanoClock,
                wallClock,
                DaemonMode.DETACHED,
                SdNotify.fromEnvironment(Map.of(), log::warn),
                DaemonEnvironment.NONE);
    }

    /**
     * Starts the daemon for {@code home}, in this order: the supervisor, the control plane, daemon.json and the pid
     * file, the signal handlers (SIGTERM's as {@code mode} says), the recovery of the apps of state.json (at boot, under a service manager: of dump.json), and last
     * READY=1 to {@code notify} (a service manager's NOTIFY_SOCKET, or nothing).
     */
    public static Daemon start(
            JpmHome home,
            DaemonLogWriter log,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            DaemonMode mode,
            SdNotify notify,
            DaemonEnvironment environment)
            throws IOException {
        Daemon d = new Daemon(home, log, nanoClock, wallClock, notify, environment);
        d.foreground = mode.foreground();
        CurveKeys.Pair serverKeys = CurveKeys.serverPair(home);
        CurveKeys.clientPair(home);
        d.server = ControlServer.start(home, serverKeys, d::handle, log::warn, log::info);
        d.remote = new RemoteAccess(home, d.server, log);
        DaemonInfo info = d.server.info(Version.get(), wallClock.getAsLong());
        long pid = info.pid();
        info.write(home);
        d.local = LocalControlServer.start(home.controlSocket(), d::handle, log::warn, nanoClock);
        JpmHome.writePrivateAtomically(home.pidFile(), (pid + "\n").getBytes(StandardCharsets.US_ASCII));
        log.info("jpm daemon " + Version.get() + " started: pid " + pid + ", commands " + info.commandEndpoint()
                + ", events " + info.eventEndpoint() + ", local " + d.local.path() + ", home " + home);
        if (environment.killUseMessage())
            log.info(DaemonEnvironment.KILL_USE_MESSAGE
                    + " is set: every stop of a node app sends it the 'shutdown' message instead of its kill signal");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> d.shutdown("signal").join(), "jpm-shutdown-hook"));
        ignoreHangup();
        d.reopenLogsOn("USR2");
        if (mode.keepAppsOnSigterm()) d.leaveAppsOnSigterm();
        try {
            d.remote.restore();
            d.supervisor.recover(mode.foreground());
        } finally {
            d.recovered.complete(null);
        }
        notify.ready();
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

    /** SIGTERM (systemd stopping or restarting the unit) ends the daemon and leaves the apps running. */
    @SuppressWarnings("restriction")
    private void leaveAppsOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> {
                leaveApps("SIGTERM").join();
                System.exit(0);
            });
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIGTERM (" + e.getMessage() + "); it will stop the apps too");
        }
    }

    private CompletableFuture<Reply> reloadLogs() {
        return supervisor.handle(new Request.ReloadLogs());
    }

    private CompletableFuture<Reply> handle(Request request) {
        if (shuttingDown && !(request instanceof Request.Ping)) {
            return CompletableFuture.completedFuture(Reply.error(ErrorCode.CONFLICT, "the daemon is shutting down"));
        }
        if (!recovered.isDone() && !(request instanceof Request.Ping)) {
            return recovered.thenCompose(v -> supervisor.handle(request));
        }
        return supervisor.handle(request);
    }

    /** The daemon's own commands, which the supervisor's dispatch hands back here. */
    private final class OwnCommands implements Supervisor.DaemonCommands {
        @Override
        public Reply ping() {
            return Reply.ok(
                    new Results.Pong(Version.get(), ProcessHandle.current().pid()));
        }

        @Override
        public Reply hello(String topic) {
            publisher.hello(topic);
            return Reply.ok(Results.Done.INSTANCE);
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
            return Reply.ok(new Results.Killed(ProcessHandle.current().pid()));
        }

        @Override
        public Reply update() {
            if (foreground)
                return Reply.error(
                        ErrorCode.BAD_ARGUMENT,
                        "this daemon runs under a service manager (jpm startup): restart it there"
                                + " (systemctl restart), and it adopts the apps as jpm update would");
            // answer first, then end the control plane with every app left running, and exit
            Thread t = new Thread(
                    () -> {
                        leaveApps("update: the next daemon adopts the apps").join();
                        System.exit(0);
                    },
                    "jpm-update");
            t.start();
            return Reply.ok(new Results.Killed(ProcessHandle.current().pid()));
        }

        @Override
        public void reopenOwnLog() {
            log.reopen();
        }

        @Override
        public CompletableFuture<Reply> remote(Request.RemoteAccess request) {
            return remote.handle(request);
        }
    }

    /** Stops every app gracefully, then the control plane. Idempotent. */
    public CompletableFuture<Void> shutdown(String why) {
        return stop(why, true);
    }

    /**
     * Stops the control plane and leaves every app running, recorded in state.json for the next daemon to adopt (as
     * after a crash). Idempotent, and a no-op once {@link #shutdown} has begun.
     */
    public CompletableFuture<Void> leaveApps(String why) {
        return stop(why, false);
    }

    private CompletableFuture<Void> stop(String why, boolean stopApps) {
        synchronized (this) {
            if (shuttingDown) return shutdown;
            shuttingDown = true;
        }
        notify.stopping();
        if (stopApps) {
            log.info("shutting down (" + why + "): stopping every app");
            try {
                supervisor.shutdown().get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("apps did not all stop in time: " + e);
            }
        } else {
            log.info("shutting down (" + why + "): leaving every app running for the next daemon to adopt");
            try {
                supervisor.detach().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("could not record the running apps in time: " + e);
            }
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
