package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.Settings;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.nodeipc.NodeChannels;
import io.jpm.engine.nodeipc.NodeMessage;
import io.jpm.engine.sockets.ListenAddress;
import io.jpm.engine.sockets.ListenSocket;
import io.jpm.engine.sockets.ListenSockets;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The daemon's side of node's IPC channel, which every node worker gets as under PM2: {@code process.send('ready')}
 * makes a wait_ready worker ready, a stop with shutdown_with_message sends {@code 'shutdown'}, and for a node app in
 * cluster mode without a port the daemon is node's cluster primary: a worker's {@code listen()} asks it for the
 * listening socket ({@code queryServer}) and gets the app's one socket, bound once in {@link ListenSockets} and kept
 * while the app exists, so that crashes and reloads never close it (node's "shared handle" scheduling: the kernel
 * spreads the connections).
 *
 * <p>Threading: everything here runs on the actor; the channels' reader thread hands each message over.
 */
final class NodeWorkers implements AutoCloseable {
    private static final int UV_EADDRINUSE = -98;

    private final Apps apps;
    private final ScheduledExecutorService actor;
    private final DaemonLog log;
    private final Runnable changed;
    /** The daemon's PM2_KILL_USE_MESSAGE: every app is stopped by its message, as with shutdown_with_message. */
    private final boolean everyStopByMessage;
    /** The daemon's listening sockets, shared with other owners; closed by the supervisor. */
    private final ListenSockets sockets;
    /** Told, on the actor, of a process of a balanced app that said it is ready. */
    private Consumer<List<Long>> readyNotices = pids -> {};

    /** Apps that hold sockets in {@link #sockets} for node's cluster mode. */
    private final Set<String> socketOwners = new HashSet<>();
    /** Processes whose readiness is awaited (wait_ready, or a node cluster's listen), by pid. */
    private final Map<Long, CompletableFuture<Void>> awaited = new HashMap<>();
    /** The app and worker of each process with a channel, a reload's new one included; dropped at exit. */
    private final Map<Long, Found> owners = new HashMap<>();
    /** Processes that said they are ready; dropped at exit. */
    private final Set<Long> readyPids = new HashSet<>();

    private NodeChannels channels;

    NodeWorkers(
            Apps apps,
            ScheduledExecutorService actor,
            DaemonLog log,
            Runnable changed,
            ListenSockets sockets,
            boolean everyStopByMessage) {
        this.apps = apps;
        this.everyStopByMessage = everyStopByMessage;
        this.sockets = sockets;
        this.actor = actor;
        this.log = log;
        this.changed = changed;
    }

    /**
     * Where a balanced worker's {@code process.send('ready')} goes: {@link Lifecycle}, which tells cluster routing
     * (the same path as READY=1 on NOTIFY_SOCKET). Set once, by Lifecycle's constructor.
     */
    void onReady(Consumer<List<Long>> notices) {
        this.readyNotices = notices;
    }

    /** Starts reading channels; if that fails, node workers run without one (logged). */
    void start(LongSupplier nanoClock) {
        try {
            channels = NodeChannels.start((pid, m) -> actor.execute(() -> received(pid, m)), log::warn, nanoClock);
        } catch (IOException | RuntimeException e) {
            log.warn("node workers get no IPC channel: " + e.getMessage());
        }
    }

    /**
     * The channel for a process of {@code w} about to start, with node's variables added to {@code env}; null when
     * the app is not run by node; the child finds the channel at descriptor {@code fd}.
     */
    NodeChannels.Pending prepare(App app, Worker w, Map<String, String> env, int fd) throws IOException {
        // a channel the daemon's own parent gave it is not the worker's
        env.remove("NODE_CHANNEL_FD");
        env.remove("NODE_CHANNEL_SERIALIZATION_MODE");
        env.remove("NODE_UNIQUE_ID");
        if (channels == null || !app.spec().runByNode()) return null;
        NodeChannels.Pending p = channels.open();
        env.put("NODE_CHANNEL_FD", Integer.toString(fd));
        env.put("NODE_CHANNEL_SERIALIZATION_MODE", "json");
        if (app.spec().nodeCluster()) env.put("NODE_UNIQUE_ID", Integer.toString(w.id()));
        return p;
    }

    /** The process {@code pid} of {@code w} started with the channel {@code pending} (null: none). */
    void started(App app, Worker w, long pid, NodeChannels.Pending pending) {
        if (pending == null) return;
        try {
            channels.attach(pending, pid);
        } catch (IOException e) {
            log.warn("app " + app.name() + " pid " + pid + " runs without its IPC channel: " + e.getMessage());
            return;
        }
        owners.put(pid, new Found(app, w));
        AppSpec spec = app.spec();
        if (!spec.balanced() && (spec.cluster().waitReady() || spec.nodeCluster())) {
            awaited.put(pid, new CompletableFuture<>());
        }
    }

    /** {@code p} is now the current process of {@code w}: its readiness shows unless jpm's balancer decides it. */
    void current(App app, Worker w, RunningProcess p) {
        if (!app.spec().balanced() && readyPids.contains(p.pid())) w.inRotation(true);
    }

    /** True when a reload waits for {@link #whenReady} rather than for min_uptime. */
    boolean awaits(RunningProcess p) {
        return awaited.containsKey(p.pid()) || readyPids.contains(p.pid());
    }

    /**
     * Completes on the actor when {@code p} said it is ready, or after listen_timeout, as PM2 goes on with a reload
     * then; true while it still runs.
     */
    CompletableFuture<Boolean> whenReady(App app, RunningProcess p) {
        CompletableFuture<Void> ready = awaited.get(p.pid());
        if (ready == null) return CompletableFuture.completedFuture(true);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        ready.thenRun(() -> done.complete(true));
        actor.schedule(
                () -> {
                    if (!done.isDone()) {
                        log.info("app " + app.name() + " pid " + p.pid() + " is not ready after "
                                + app.spec().cluster().listenTimeoutMs() + " ms; going on as PM2 does");
                        done.complete(p.handle().isAlive());
                    }
                },
                app.spec().cluster().listenTimeoutMs(),
                TimeUnit.MILLISECONDS);
        return done;
    }

    /**
     * Sends PM2's {@code 'shutdown'} message to {@code p} when its app asks for it (or the daemon's
     * PM2_KILL_USE_MESSAGE does): true when it went out, and the kill signal is not sent.
     */
    boolean askToShutdown(AppSpec spec, RunningProcess p) {
        return (everyStopByMessage || spec.get(Settings.SHUTDOWN_WITH_MESSAGE))
                && channels != null
                && channels.send(p.pid(), "\"shutdown\"");
    }

    /** {@code p} exited: its channel closes and its readiness is forgotten. */
    void exited(RunningProcess p) {
        awaited.remove(p.pid());
        readyPids.remove(p.pid());
        owners.remove(p.pid());
        if (channels != null) channels.forget(p.pid());
    }

    /** Closes the sockets of apps that were deleted or have no process running or about to start (as balancers close). */
    void sync(Function<String, App> current) {
        for (String name : List.copyOf(socketOwners)) {
            App app = current.apply(name);
            if (app == null || !app.spec().nodeCluster() || app.idle()) {
                sockets.release(name);
                socketOwners.remove(name);
            }
        }
    }

    private void received(long pid, NodeMessage m) {
        Found f = owners.get(pid);
        if (f == null || !f.app.has(f.worker)) return; // exited meanwhile, or deleted
        switch (m) {
            case NodeMessage.Ready r -> ready(f, pid);
            case NodeMessage.QueryServer q -> serve(f, pid, q);
            case NodeMessage.ClusterNotice n -> {
                if ("listening".equals(n.act()) && !f.app.spec().cluster().waitReady()) ready(f, pid);
            }
            case NodeMessage.Other o -> {}
        }
    }

    private void ready(Found f, long pid) {
        if (f.app.spec().balanced()) {
            if (f.app.spec().cluster().waitReady()) readyNotices.accept(List.of(pid));
            return;
        }
        CompletableFuture<Void> signal = awaited.remove(pid);
        if (signal == null) return; // not waited for, or said twice
        readyPids.add(pid);
        if (f.worker.process() != null && f.worker.process().pid() == pid) {
            f.worker.inRotation(true);
            changed.run();
        }
        signal.complete(null);
    }

    /** A cluster worker's listen(): the app's socket at that address, bound on the first ask, goes back with the reply. */
    private void serve(Found f, long pid, NodeMessage.QueryServer q) {
        if (!f.app.spec().nodeCluster()) return;
        ListenAddress address =
                q.pipe() ? new ListenAddress(null, 0, q.address()) : new ListenAddress(q.address(), q.port(), null);
        boolean sent;
        try {
            ListenSocket socket = sockets.acquire(f.app.name(), address);
            socketOwners.add(f.app.name());
            sent = channels.answer(pid, q, 0, socket.fd());
        } catch (IOException e) {
            log.info("app " + f.app.name() + ": " + e.getMessage());
            sent = channels.answer(pid, q, UV_EADDRINUSE, -1);
        }
        if (!sent) log.info("app " + f.app.name() + " pid " + pid + ": the listen reply could not be sent");
    }

    private record Found(App app, Worker worker) {}

    @Override
    public void close() {
        if (channels != null) channels.close();
    }
}
