package io.jpm.engine.cluster;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Opens and closes the balancers of cluster apps: a start command binds the public ports of its new apps before any
 * worker starts, a worker's start reopens its app's balancer if it was closed, and a balancer closes when its app is
 * deleted or has no process running or about to restart. Owned by the supervisor's actor.
 */
final class ClusterBalancers implements AutoCloseable {
    private final DaemonLog log;
    /** Gives back the private port of a process that a closing balancer still knew. */
    private final IntConsumer releasePort;
    /** Apps whose balancer is open. */
    private final Set<ClusterApp> open = new HashSet<>();
    /** Balancers bound by a start command for apps whose first worker has not started yet, by app name. */
    private final Map<String, AppBalancer> pending = new HashMap<>();

    ClusterBalancers(DaemonLog log, IntConsumer releasePort) {
        this.log = log;
        this.releasePort = releasePort;
    }

    /**
     * Binds the public port of each new cluster app of a start command, before any worker starts: all of them, or
     * none and a one-line error naming the port.
     */
    void bind(List<AppSpec> specs, Function<String, ? extends ClusterApp> apps) {
        List<AppBalancer> bound = new ArrayList<>();
        for (AppSpec spec : specs) {
            if (!spec.balanced() || apps.apply(spec.name()) != null) continue;
            try {
                AppBalancer b = AppBalancer.open(spec);
                bound.add(b);
                AppBalancer replaced = pending.put(spec.name(), b);
                if (replaced != null) replaced.close();
            } catch (IOException e) {
                for (AppBalancer b : bound) b.close();
                pending.values().removeAll(bound);
                throw new CommandException(ErrorCode.CONFLICT, "cannot start " + spec.name() + ": " + e.getMessage());
            }
        }
        for (AppBalancer b : bound) log.info("balancer listening on port " + b.publicPort());
    }

    /** Opens the app's balancer unless it is open where its spec asks. */
    void ensureOpen(ClusterApp app) throws IOException {
        AppSpec spec = app.spec();
        if (app.balancer() != null && app.balancer().serves(spec)) return;
        if (app.balancer() != null) closeBalancer(app); // the public port or host changed
        AppBalancer b = pending.remove(app.name());
        if (b != null && !b.serves(spec)) {
            b.close();
            b = null;
        }
        if (b == null) {
            b = AppBalancer.open(spec);
            log.info("balancer of " + app.name() + " listening on port " + b.publicPort());
        }
        app.balancer(b);
        open.add(app);
    }

    /**
     * Closes the balancers of apps that were deleted or that have no process running or waiting to restart, and
     * hands balancers bound by a start command to their apps.
     */
    void sync(Function<String, ? extends ClusterApp> apps) {
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            ClusterApp app = apps.apply(e.getKey());
            if (app != null && app.balancer() == null) {
                app.balancer(e.getValue());
                open.add(app);
                it.remove();
            }
        }
        for (ClusterApp app : List.copyOf(open)) {
            if (apps.apply(app.name()) != app || app.idle()) closeBalancer(app);
        }
    }

    private void closeBalancer(ClusterApp app) {
        AppBalancer b = app.balancer();
        app.balancer(null);
        open.remove(app);
        if (b == null) return;
        for (AppBalancer.Member m : b.members()) releasePort.accept(m.port());
        b.close();
        log.info("balancer of " + app.name() + " on port " + b.publicPort() + " closed");
    }

    /** Closes every balancer. */
    @Override
    public void close() {
        for (ClusterApp app : List.copyOf(open)) closeBalancer(app);
        for (AppBalancer b : pending.values()) b.close();
        pending.clear();
    }
}
