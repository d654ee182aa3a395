package io.jpm.engine.supervise;

import io.jpm.engine.metrics.Tick;
import io.jpm.engine.metrics.Usage;
import io.jpm.ipc.wire.WorkerStatus;
import java.util.Collection;

/**
 * Applies max_memory_restart: a worker whose sampled resident memory (its tree's, with metrics_tree) is over its
 * app's limit is restarted through the normal lifecycle ({@link Lifecycle#restartFor}), with a {@code restart} event
 * whose reason is {@code memory limit}, one more restart counted, and the stop recorded in its restart history.
 * Runs on the actor.
 */
public final class MemoryGuard {
    public static final String REASON = "memory limit";

    private final Lifecycle lifecycle;

    public MemoryGuard(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Restarts every online worker over its limit in {@code tick}. */
    public void check(Collection<App> apps, Tick tick) {
        for (App app : apps) {
            if (app.spec().restart().maxMemoryRestartBytes() <= 0) continue;
            for (Worker w : app.workersView()) {
                Usage u = tick.workers().get(w.id());
                if (u == null || w.process() == null || w.process().pid() != u.pid()) continue;
                if (w.stopping() || w.status() != WorkerStatus.ONLINE) continue;
                if (app.restartPolicy().overMemory(u.memory())) restart(app, w, u.memory());
            }
        }
    }

    private void restart(App app, Worker w, long rss) {
        long limit = app.spec().restart().maxMemoryRestartBytes();
        lifecycle.restartFor(app, w, REASON, REASON + ": " + rss + " bytes > " + limit, e -> e.withMemory(rss, limit));
    }
}
