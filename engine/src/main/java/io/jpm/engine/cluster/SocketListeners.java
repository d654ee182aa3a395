package io.jpm.engine.cluster;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.ClusterSettings;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.process.ProcessTree;
import io.jpm.engine.sockets.ListenAddress;
import io.jpm.engine.sockets.ListenSocket;
import io.jpm.engine.sockets.ListenSockets;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The socket listen mode of cluster apps: the daemon's socket for the app (from {@link ListenSockets}), bound by the
 * start command and kept until the app is deleted, is every worker's fd 3; the kernel spreads the connections and no
 * byte passes through the daemon.
 *
 * <p>A worker is ready, for a reload and for {@code ready} in the list, when it prints its ready line or sends
 * READY=1 (with wait_ready), else once it has run for the shorter of min_uptime and listen_timeout, as in fork mode:
 * no port probe can tell whether a process accepts on a shared socket. Until then connections wait in the socket's
 * queue, never refused. A worker that leaves drains on its own: its stop signal asks it to stop accepting and finish
 * what it has.
 *
 * <p>Threading: on the supervisor's actor, like {@link ClusterRouting}.
 */
final class SocketListeners {
    private static final long MIN_SETTLE_MS = 50;

    private final Executor actor;
    private final DaemonLog log;
    private final Runnable changed;
    private final ListenSockets sockets;
    /** Apps holding a socket, by name. */
    private final Set<String> holders = new HashSet<>();
    /** Apps whose socket a start command bound and that the command has not created yet, by name. */
    private final Set<String> pending = new HashSet<>();
    /** Whether each process started here became ready in time, by pid. */
    private final Map<Long, CompletableFuture<Boolean>> ready = new HashMap<>();

    SocketListeners(Executor actor, DaemonLog log, Runnable changed, ListenSockets sockets) {
        this.actor = actor;
        this.log = log;
        this.changed = changed;
        this.sockets = sockets;
    }

    static boolean serves(AppSpec spec) {
        return spec.run().mode() == AppSpec.ExecMode.CLUSTER && spec.cluster().sharesSocket();
    }

    /** The address an app's socket listens on. */
    static ListenAddress address(ClusterSettings c) {
        return c.listenPath() != null
                ? ListenAddress.unix(c.listenPath())
                : ListenAddress.tcp(c.host(), c.balancerPort());
    }

    /**
     * Binds the socket of each new socket-mode app of a start command before any worker starts: all of them, or
     * none and a one-line error naming the address.
     */
    void bind(List<AppSpec> specs, Function<String, ? extends ClusterApp> apps) {
        List<String> bound = new ArrayList<>();
        for (AppSpec spec : specs) {
            if (!serves(spec) || apps.apply(spec.name()) != null) continue;
            try {
                ListenSocket s = socket(spec);
                bound.add(spec.name());
                pending.add(spec.name());
                log.info(spec.name() + " listening on " + s.address() + " (socket mode)");
            } catch (IOException e) {
                bound.forEach(name -> {
                    holders.remove(name);
                    pending.remove(name);
                    sockets.release(name);
                });
                throw new CommandException(ErrorCode.CONFLICT, "cannot start " + spec.name() + ": " + e.getMessage());
            }
        }
    }

    /** The app's socket, bound now if it is not held yet. */
    ListenSocket socket(AppSpec spec) throws IOException {
        ListenSocket s = sockets.acquire(spec.name(), address(spec.cluster()));
        holders.add(spec.name());
        return s;
    }

    /** The socket an app holds, if any. */
    Optional<ListenSocket> held(AppSpec spec) {
        return sockets.find(spec.name(), address(spec.cluster()));
    }

    /** A process of {@code w} started on the socket; {@code line} completes when its ready line or READY=1 came. */
    void started(ClusterApp app, ClusterWorker w, ClusterProcess p, CompletableFuture<Void> line) {
        ClusterSettings c = app.spec().cluster();
        CompletableFuture<Boolean> ok;
        if (line != null) {
            ok = line.thenApply(v -> true).completeOnTimeout(false, c.listenTimeoutMs(), TimeUnit.MILLISECONDS);
        } else {
            long settle = Math.max(MIN_SETTLE_MS, Math.min(app.spec().restart().minUptimeMs(), c.listenTimeoutMs()));
            ok = new CompletableFuture<Boolean>()
                    .completeOnTimeout(true, settle, TimeUnit.MILLISECONDS)
                    .thenApply(x -> ProcessTree.isRunning(p.handle()));
        }
        ready.put(p.pid(), ok);
        ok.thenAcceptAsync(yes -> settled(app, w, p, yes), actor);
    }

    private void settled(ClusterApp app, ClusterWorker w, ClusterProcess p, boolean yes) {
        if (!ready.containsKey(p.pid()) || !w.serves(p)) return; // exited, or a reload decides for its new process
        if (!yes && ProcessTree.isRunning(p.handle())) {
            log.info("app " + app.name() + " worker " + w.id() + " (pid " + p.pid() + ") is not ready after "
                    + app.spec().cluster().listenTimeoutMs() + " ms; it accepts on the shared socket anyway");
        }
        w.inRotation(true);
        changed.run();
    }

    /** Completes on the actor with whether a reload's new process became ready in time. */
    CompletableFuture<Boolean> whenReady(ClusterProcess p) {
        CompletableFuture<Boolean> ok = ready.get(p.pid());
        if (ok == null) return CompletableFuture.completedFuture(false);
        return ok.handleAsync((yes, e) -> Boolean.TRUE.equals(yes), actor);
    }

    /** {@code p} is now the current process of {@code w}. */
    void current(ClusterWorker w, ClusterProcess p) {
        CompletableFuture<Boolean> ok = ready.get(p.pid());
        w.inRotation(ok != null && ok.isDone());
    }

    /** A process exited: a reload waiting for it to be ready learns now that it never will be. */
    void exited(ClusterProcess p) {
        CompletableFuture<Boolean> ok = ready.remove(p.pid());
        if (ok != null) ok.complete(false);
    }

    /**
     * A process of an earlier daemon was adopted: the app's socket is taken back from it unless held already, so
     * that later workers share it, and the process counts as ready.
     */
    void adopted(ClusterApp app, ClusterWorker w, ClusterProcess p) {
        AppSpec spec = app.spec();
        Optional<ListenSocket> s = sockets.takeBack(spec.name(), address(spec.cluster()), p.pid());
        if (s.isPresent()) {
            holders.add(spec.name());
            app.listenSocket(s.get());
        } else {
            log.info("adopted " + app.name() + " worker " + w.id() + " (pid " + p.pid() + ") holds no socket on "
                    + address(spec.cluster()) + "; later workers get a new one");
        }
        ready.put(p.pid(), CompletableFuture.completedFuture(true));
        w.inRotation(true);
    }

    /**
     * Closes the sockets of apps that no longer ask for the socket mode, and every socket of the registry whose app
     * was deleted (node's cluster protocol keeps its sockets there too).
     */
    void sync(Function<String, ? extends ClusterApp> apps) {
        pending.removeIf(name -> apps.apply(name) != null);
        for (String name : List.copyOf(holders)) {
            ClusterApp app = apps.apply(name);
            if (pending.contains(name) || app != null && serves(app.spec())) continue;
            if (app != null) app.listenSocket(null);
            holders.remove(name);
            sockets.release(name);
            log.info("socket of " + name + " closed");
        }
        sockets.retainOnly(name -> apps.apply(name) != null || pending.contains(name));
    }
}
