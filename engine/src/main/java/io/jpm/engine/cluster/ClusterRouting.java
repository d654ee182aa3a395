package io.jpm.engine.cluster;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.ProcessTree;
import io.jpm.engine.sockets.ListenSocket;
import io.jpm.engine.sockets.ListenSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Puts the worker processes of cluster-mode apps behind their app's balancer: one balancer per app on its public
 * port, a private loopback port per process (given as {@code PORT}), and a process in rotation only while it is the
 * worker's current process, ready, and passing its app's readiness probe if it has one. A process leaves the rotation
 * the moment it exits or is being stopped; a reload or a scale-down drains it first. Apps in the socket listen mode
 * have no balancer: their workers accept on the daemon's socket themselves ({@link SocketListeners}).
 *
 * <p>Threading: every method runs on the supervisor's actor, which owns the apps, workers and balancers. Readiness is
 * found off the actor by {@link ReadinessProbe}, and its outcome is handed back to the actor. A balancer closes when
 * its app is deleted or has no process running or about to restart, which frees the public port (see
 * {@link ClusterBalancers}).
 *
 * <p>It is long because a process's way through the rotation is one state machine (prepare, started, the
 * transitions of {@link #on}, drain, adoption after a daemon crash) over state that only it holds: the private ports
 * handed out and the READY=1 signals awaited. What has a role of its own is elsewhere: the balancers
 * ({@link ClusterBalancers}), the shared sockets ({@link SocketListeners}), the probe ({@link ReadinessProbe}), a
 * launch ({@link ClusterLaunch}) and the figures the views show ({@link ClusterFigures}).
 */
public final class ClusterRouting implements AutoCloseable {
    /** How long after kill_timeout the balancer cuts a drained process's last connections. */
    private static final long CUT_AFTER_KILL_MS = 1_000;

    private static final long KEEP_WAITING_NANOS = Duration.ofDays(1).toNanos();

    private final Executor actor;
    private final LongSupplier nanoClock;
    private final DaemonLog log;
    private final Runnable changed;
    private final ReadinessProbe probe;
    private final PortAllocator ports = PortAllocator.forThisHost();
    /** Private ports handed to processes that have not exited yet, across all apps. */
    private final Set<Integer> allocated = new HashSet<>();

    private final ClusterBalancers balancers;
    private final SocketListeners shared;
    /** READY=1 awaited from cluster processes started with wait_ready, by pid; on the actor. */
    private final Map<Long, CompletableFuture<Void>> readySignals = new HashMap<>();

    public ClusterRouting(
            Executor actor, LongSupplier nanoClock, DaemonLog log, Runnable changed, ListenSockets sockets) {
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.log = log;
        this.changed = changed;
        this.probe = new ReadinessProbe(nanoClock);
        this.balancers = new ClusterBalancers(log, allocated::remove);
        this.shared = new SocketListeners(actor, log, changed, sockets);
    }

    /**
     * Binds the public port of each new cluster app of a start command, before any worker starts: all of them, or
     * none and a one-line error naming the port.
     */
    public void bind(List<AppSpec> specs, Function<String, ? extends ClusterApp> apps) {
        shared.bind(specs, apps);
        balancers.bind(specs, apps);
    }

    /**
     * Readies the start of a process of {@code app}: null without a balancer or a shared socket (fork mode, node's
     * cluster mode), else its private port or its socket (the balancer opens, or the socket binds, if shut).
     */
    public ClusterLaunch prepare(ClusterApp app) throws IOException {
        AppSpec spec = app.spec();
        if (spec.run().mode() != AppSpec.ExecMode.CLUSTER) return null;
        boolean waitReady = spec.cluster().waitReady();
        String readyLine = waitReady ? spec.cluster().readyLine() : null;
        if (SocketListeners.serves(spec)) {
            ListenSocket socket = shared.socket(spec);
            app.listenSocket(socket);
            return new ClusterLaunch(0, waitReady, readyLine, socket);
        }
        if (!spec.balanced()) return null;
        balancers.ensureOpen(app);
        int port = ports.next(allocated::contains);
        allocated.add(port);
        return new ClusterLaunch(port, waitReady, readyLine, null);
    }

    /** Gives back the port of a launch whose process did not start. */
    public void abandon(ClusterLaunch launch) {
        if (launch != null && launch.socket() == null) allocated.remove(launch.port());
    }

    /** A process of {@code w} started with {@code launch}; watches for it to become ready. */
    public void started(ClusterApp app, ClusterWorker w, ClusterProcess p, ClusterLaunch launch) {
        CompletableFuture<Void> ready = launch.readyLineSeen();
        if (launch.waitReady()) { // the ready line or READY=1 on NOTIFY_SOCKET, whichever comes first
            CompletableFuture<Void> notified = new CompletableFuture<>();
            readySignals.put(p.pid(), notified);
            ready = ready == null ? notified : ready.applyToEither(notified, v -> v);
        }
        if (launch.socket() != null) {
            shared.started(app, w, p, ready);
            return;
        }
        watch(app, w, p, launch.port(), ready, app.spec().cluster().listenTimeoutMs());
    }

    /**
     * A worker process sent READY=1: the first process in the sender's ancestry that awaits it is ready. A process
     * of another app is never in that ancestry, so it cannot mark this one ready.
     */
    public void notifiedReady(List<Long> ancestry) {
        for (long pid : ancestry) {
            CompletableFuture<Void> signal = readySignals.remove(pid);
            if (signal != null) {
                signal.complete(null);
                return;
            }
        }
    }

    private void watch(
            ClusterApp app, ClusterWorker w, ClusterProcess p, int port, CompletableFuture<Void> line, long timeoutMs) {
        long deadline = nanoClock.getAsLong() + timeoutMs * 1_000_000;
        CompletableFuture<Boolean> ready = probe.await(address(port), line, p.handle(), deadline);
        app.balancer().track(p.pid(), new AppBalancer.Member(port, ready));
        ready.handleAsync(
                (ok, e) -> {
                    onProbe(app, w, p, Boolean.TRUE.equals(ok));
                    return null;
                },
                actor);
    }

    private void onProbe(ClusterApp app, ClusterWorker w, ClusterProcess p, boolean ready) {
        readySignals.remove(p.pid());
        AppBalancer b = app.balancer();
        AppBalancer.Member m = b == null ? null : b.member(p.pid());
        if (m == null) return; // exited, or the balancer closed
        if (ready) {
            if (w.serves(p)) admit(app, w, p);
            return;
        }
        if (!w.serves(p) || !ProcessTree.isRunning(p.handle())) return; // a reload decides for its new process
        log.info("app " + app.name() + " worker " + w.id() + " (pid " + p.pid() + ") is not ready after "
                + app.spec().cluster().listenTimeoutMs() + " ms; it joins the rotation when port " + m.port()
                + " accepts");
        watch(app, w, p, m.port(), null, KEEP_WAITING_NANOS / 1_000_000);
    }

    /** Completes on the actor with whether a new process became ready within listen_timeout. */
    public CompletableFuture<Boolean> whenReady(ClusterApp app, ClusterProcess p) {
        if (SocketListeners.serves(app.spec())) return shared.whenReady(p);
        AppBalancer.Member m = app.balancer() == null ? null : app.balancer().member(p.pid());
        if (m == null) return CompletableFuture.completedFuture(false);
        return m.ready().handleAsync((ok, e) -> Boolean.TRUE.equals(ok), actor);
    }

    /** What happened to a worker's process, as the supervisor tells cluster routing. */
    public enum Transition {
        /** The process became the worker's current one: started, or a reload's new process taking over. */
        CURRENT,
        /** A stop began: the process leaves the rotation at once. */
        STOPPING,
        /** The process exited: it leaves the rotation and gives back its port. */
        EXITED,
        /** A process a previous daemon started was adopted. */
        ADOPTED,
        /** The readiness probe's verdict on the current process changed: it enters or leaves the rotation. */
        READINESS
    }

    /**
     * The one entry for a worker's transitions: the supervisor's {@code Lifecycle} calls it once per transition, after
     * the worker's own state has changed. On the actor.
     */
    public void on(Transition t, ClusterApp app, ClusterWorker w, ClusterProcess p) {
        switch (t) {
            case CURRENT -> current(app, w, p);
            case STOPPING -> leaving(app, w, p);
            case EXITED -> exited(app, w, p);
            case ADOPTED -> adopted(app, w, p);
            case READINESS -> readiness(app, w, p);
        }
    }

    /** {@code p} is now the current process of {@code w}: it takes its port and joins the rotation if ready. */
    private void current(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        if (SocketListeners.serves(app.spec())) {
            shared.current(w, p);
            return;
        }
        AppBalancer.Member m = app.balancer() == null ? null : app.balancer().member(p.pid());
        w.inRotation(false);
        if (m == null) return;
        w.assignPort(m.port());
        if (m.ready().isDone() && Boolean.TRUE.equals(m.ready().getNow(false))) admit(app, w, p);
    }

    private void admit(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        if (!readinessPassed(app, w)) return; // it joins when its readiness probe passes (see readiness)
        app.balancer().admit(p.pid());
        w.inRotation(true);
        changed.run();
    }

    /** Whether the app's readiness probe, if it has one, passes for the worker's current process. */
    private static boolean readinessPassed(ClusterApp app, ClusterWorker w) {
        return app.spec().health().readiness() == null || w.readinessPassed();
    }

    /**
     * The readiness probe's verdict on {@code p} changed (it is on the worker already): a passing process joins the
     * rotation once its port is ready too; a failing one leaves it at once, its open connections going on, and is not
     * restarted.
     */
    private void readiness(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        AppBalancer b = app.balancer();
        AppBalancer.Member m = b == null ? null : b.member(p.pid());
        if (m == null || !w.serves(p)) return;
        if (readinessPassed(app, w)) {
            if (!w.ready()
                    && m.ready().isDone()
                    && Boolean.TRUE.equals(m.ready().getNow(false))) admit(app, w, p);
            return;
        }
        b.remove(p.pid());
        if (w.ready()) {
            w.inRotation(false);
            changed.run();
        }
    }

    /** Takes a process that is being stopped out of the rotation at once. */
    private void leaving(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        if (app.balancer() != null && p != null) app.balancer().remove(p.pid());
        w.inRotation(false);
    }

    /**
     * Takes a process out of the rotation and completes (on any thread) when its connections have ended or
     * drain_timeout has passed, whichever is first. Connections still open then are not cut here: the caller stops
     * the process next, which lets the app end them its own way (a web server answers its last requests with
     * {@code Connection: close}); the balancer closes whatever is left once kill_timeout has passed as well.
     */
    public CompletableFuture<Void> drain(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        if (app.balancer() == null || p == null) return CompletableFuture.completedFuture(null);
        if (w.process() == p) w.inRotation(false);
        AppSpec spec = app.spec();
        long drainMs = spec.cluster().drainTimeoutMs();
        CompletableFuture<Void> drained = app.balancer()
                .drain(p.pid(), Duration.ofMillis(drainMs + spec.restart().killTimeoutMs() + CUT_AFTER_KILL_MS));
        return drained.applyToEither(
                CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(drainMs, TimeUnit.MILLISECONDS)),
                x -> null);
    }

    /** A process exited: it leaves the rotation and gives back its port. */
    private void exited(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        readySignals.remove(p.pid());
        shared.exited(p);
        if (w.process() == p) w.inRotation(false);
        if (app.balancer() == null) return;
        AppBalancer.Member m = app.balancer().forget(p.pid());
        if (m != null) allocated.remove(m.port());
    }

    /** A process a previous daemon started was adopted: the public port reopens and the process rejoins when ready. */
    private void adopted(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        if (app.spec().run().mode() != AppSpec.ExecMode.CLUSTER) return;
        if (SocketListeners.serves(app.spec())) {
            shared.adopted(app, w, p);
            return;
        }
        if (!app.spec().balanced()) return;
        int port = w.port() > 0 ? w.port() : portInEnvironment(p.pid());
        if (port <= 0) {
            log.info(
                    "adopted " + app.name() + " worker " + w.id() + " has no PORT; it gets no traffic until restarted");
            return;
        }
        try {
            balancers.ensureOpen(app);
        } catch (IOException e) {
            log.info("cannot reopen the public port of " + app.name() + ": " + e.getMessage());
            return;
        }
        w.assignPort(port);
        allocated.add(port);
        watch(app, w, p, port, null, app.spec().cluster().listenTimeoutMs());
    }

    private static int portInEnvironment(long pid) {
        try {
            return Integer.parseInt(Posix.environment(pid).getOrDefault("PORT", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Closes the balancers of apps that were deleted or that have no process running or waiting to restart, and
     * hands balancers bound by a start command to their apps.
     */
    public void sync(Function<String, ? extends ClusterApp> apps) {
        balancers.sync(apps);
        shared.sync(apps);
    }

    /** Closes every balancer and the probe thread. */
    @Override
    public void close() {
        balancers.close();
        probe.close();
    }
}
