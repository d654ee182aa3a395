package io.jpm.engine.metrics;

import io.jpm.engine.logs.DaemonLog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples every worker and the host once per interval, keeps the history, and hands each {@link Tick} to a listener.
 *
 * <p>Threading: all sampling runs on {@code jpm-sampler}, never on the supervisor's thread. The supervisor publishes
 * the workers to sample as an immutable list (read through {@code watched}); the latest tick is published in a
 * volatile field and the history guards itself, so any thread may read them. The listener is called on
 * {@code jpm-sampler} and must not block (the supervisor hands the tick to its own thread).
 */
public final class MetricsService implements AutoCloseable {
    private final long intervalMs;
    private final Supplier<List<SampleTarget>> watched;
    private final HostReader host;
    private final ProcessSampler processes;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final Consumer<Tick> listener;
    private final MetricsHistory history;
    private final ScheduledExecutorService thread;
    private final DaemonLog log;
    /** The newest tick; replaced whole by jpm-sampler. */
    private volatile Tick latest;

    private long startMs;
    private long count;

    public MetricsService(
            long intervalMs,
            Supplier<List<SampleTarget>> watched,
            HostReader host,
            ProcessReader reader,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            Consumer<Tick> listener,
            DaemonLog log) {
        if (intervalMs <= 0) throw new IllegalArgumentException("intervalMs <= 0: " + intervalMs);
        this.intervalMs = intervalMs;
        this.watched = Objects.requireNonNull(watched, "watched");
        this.host = Objects.requireNonNull(host, "host");
        this.processes = new ProcessSampler(Objects.requireNonNull(reader, "reader"));
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.log = Objects.requireNonNull(log, "log");
        this.history = new MetricsHistory(intervalMs);
        this.latest = Tick.empty(intervalMs);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jpm-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling: the first tick now, then one every interval. */
    public void start() {
        thread.execute(() -> startMs = wallClock.getAsLong());
        thread.scheduleAtFixedRate(this::tickSafely, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick(startMs + count++ * intervalMs);
        } catch (Exception e) {
            log.failed("jpm-sampler tick", e); // and keep sampling
        }
    }

    /** Takes one sample of everything, stamped {@code ts}. Runs on jpm-sampler (or a test's thread). */
    void tick(long ts) {
        List<SampleTarget> now = watched.get();
        HostUsage h = host.sample();
        Map<Integer, Usage> workers = processes.sample(now, nanoClock.getAsLong());
        Tick t = new Tick(ts, intervalMs, h, workers);
        history.record(t, now);
        latest = t;
        listener.accept(t);
    }

    public Tick latest() {
        return latest;
    }

    public MetricsHistory history() {
        return history;
    }

    public long intervalMs() {
        return intervalMs;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
