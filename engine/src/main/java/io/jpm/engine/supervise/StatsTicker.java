package io.jpm.engine.supervise;

import io.jpm.engine.config.Settings;
import io.jpm.engine.logs.Publisher;
import io.jpm.engine.metrics.HeapTrimmer;
import io.jpm.engine.metrics.MetricsEndpoint;
import io.jpm.engine.metrics.MetricsService;
import io.jpm.engine.metrics.SampleTarget;
import io.jpm.engine.metrics.StatsMessage;
import io.jpm.engine.metrics.Tick;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.ConsoleStats;
import io.jpm.ipc.wire.History;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Series;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The metrics side of the supervisor: hands the sampler the workers to measure, publishes each tick's stats
 * message, feeds the Prometheus endpoint, applies max_memory_restart, and answers the metrics commands.
 *
 * <p>Threading: everything runs on the actor except the sampler, which reads {@link #targets} on
 * {@code jpm-sampler} and hands each tick back to the actor.
 */
public final class StatsTicker implements AutoCloseable {
    private final Apps apps;
    private final Publisher publisher;
    private final MetricsEndpoint endpoint;
    private final MemoryGuard memoryGuard;
    /** Gives back heap that a burst grew, once it is over (the daemon's own memory). */
    private final HeapTrimmer heapTrimmer = HeapTrimmer.ofThisJvm();

    private final MetricsService metrics;
    private boolean closed;

    /** Every worker, as the sampler sees it; replaced (never mutated) on the actor after each change. */
    private volatile List<SampleTarget> targets = List.of();

    /** Builds the ticker around a sampler made by {@code sampler}, which is given where each tick goes. */
    public StatsTicker(
            Apps apps,
            Executor actor,
            Publisher publisher,
            MetricsEndpoint endpoint,
            MemoryGuard memoryGuard,
            SamplerFactory sampler) {
        this.apps = apps;
        this.publisher = publisher;
        this.endpoint = endpoint;
        this.memoryGuard = memoryGuard;
        this.metrics = sampler.create(() -> targets, tick -> actor.execute(() -> onTick(tick)));
    }

    /** Makes the sampler, given what it samples and where its ticks go. */
    public interface SamplerFactory {
        MetricsService create(
                java.util.function.Supplier<List<SampleTarget>> targets, java.util.function.Consumer<Tick> ticks);
    }

    public void start() {
        metrics.start();
    }

    /**
     * On the actor, once per sampling interval: publish the stats message and the console's copy of it (a PUB sends
     * a topic only to those who subscribed to it), and apply max_memory_restart.
     */
    private void onTick(Tick tick) {
        if (closed) return;
        Stats stats = StatsMessage.of(tick, list(tick.ts(), tick), unwrittenLogLines());
        endpoint.latest(stats);
        publisher.publish(Topics.STATS, stats);
        publisher.publish(Topics.VIEW_STATS, ConsoleStats.of(stats));
        memoryGuard.check(apps.all(), tick);
        heapTrimmer.check(tick.ts());
    }

    /** Hands the sampler the current workers and pids; called after every change of a worker's process. */
    void workersChanged() {
        List<SampleTarget> all = new ArrayList<>();
        for (App a : apps.all()) {
            for (Worker w : a.workersView()) {
                Long pid = WorkerViews.pid(w);
                all.add(new SampleTarget(
                        w.id(), a.name(), pid == null ? 0 : pid, a.spec().get(Settings.METRICS_TREE)));
            }
        }
        targets = List.copyOf(all);
    }

    /** The workers that lost log lines to a full disk, and how many. */
    private Map<Integer, Long> unwrittenLogLines() {
        Map<Integer, Long> out = new HashMap<>();
        for (App app : apps.all()) {
            for (Worker w : app.workersView()) {
                long n = w.unwrittenLines().get();
                if (n > 0) out.put(w.id(), n);
            }
        }
        return out;
    }

    /** Every worker as {@code list} shows it, with the latest figures. */
    List<WorkerView> list(long nowMs) {
        return list(nowMs, metrics.latest());
    }

    private List<WorkerView> list(long nowMs, Tick usage) {
        List<WorkerView> rows = new ArrayList<>();
        for (App app : apps.all()) {
            for (Worker w : app.workersView()) rows.add(WorkerViews.listItem(app, w, usage, nowMs));
        }
        rows.sort(Comparator.comparingInt(WorkerView::id));
        return rows;
    }

    /** One worker as {@code describe} shows it, with its metrics history. */
    WorkerDetail describe(Targets.Target t, long nowMs, boolean showEnv) {
        WorkerDetail.Usage usage = new WorkerDetail.Usage(
                t.app().spec().get(Settings.METRICS_TREE) ? "process tree" : "process",
                metrics.intervalMs(),
                metrics.history().worker(t.worker().id()).orElse(Series.EMPTY));
        return WorkerViews.describe(t.app(), t.worker(), metrics.latest(), nowMs, showEnv, usage);
    }

    /** The {@code history} command. */
    History history() {
        return metrics.history().snapshot();
    }

    /** The {@code metrics} command: serve Prometheus on {@code address}:{@code port} (null: loopback), or stop with 0. */
    Results.MetricsServed serveOn(int port, String address) {
        return endpoint.serveOn(port, address);
    }

    @Override
    public void close() {
        closed = true;
        metrics.close();
        endpoint.close();
    }
}
