package io.jpm.engine.metrics;

import io.jpm.ipc.wire.History;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ring buffers behind the {@code history} command: CPU and memory per worker, per app (the sum of its
 * workers) and for the host, all aligned at the newest sample (see docs/protocol.md).
 *
 * <p>Every known worker gets one sample per tick (0 while it is not running), so all series stay aligned; a worker's
 * series starts at its first tick and is dropped when the worker is deleted. Written by the sampler's thread, read
 * by the supervisor's: every method holds this object's lock, and reads return copies.
 */
public final class MetricsHistory {
    /** At least ten minutes of samples, at least 600 slots, and at most 3600 slots per series. */
    static final long SPAN_MS = 600_000;

    static final int MIN_SLOTS = 600;
    static final int MAX_SLOTS = 3600;

    private record Pair(Series cpu, Series memory) {
        Pair(int capacity) {
            this(new Series(capacity), new Series(capacity));
        }

        void add(double cpu, double memory) {
            this.cpu.add(cpu);
            this.memory.add(memory);
        }

        io.jpm.ipc.wire.Series wire() {
            return new io.jpm.ipc.wire.Series(cpu.toArray(), memory.toLongArray());
        }
    }

    private final long intervalMs;
    private final int capacity;
    private final Series hostCpu;
    private final Series hostMemUsed;
    private final Map<Integer, Pair> workers = new HashMap<>();
    private final Map<String, Pair> apps = new HashMap<>();
    private long ts;

    public MetricsHistory(long intervalMs) {
        if (intervalMs <= 0) throw new IllegalArgumentException("intervalMs <= 0: " + intervalMs);
        this.intervalMs = intervalMs;
        this.capacity = capacityFor(intervalMs);
        this.hostCpu = new Series(capacity);
        this.hostMemUsed = new Series(capacity);
    }

    static int capacityFor(long intervalMs) {
        long slots = (SPAN_MS + intervalMs - 1) / intervalMs;
        return (int) Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, slots));
    }

    public int capacity() {
        return capacity;
    }

    /** Appends one tick: a sample for every worker of {@code watched}, its app's sum, and the host's figures. */
    public synchronized void record(Tick tick, List<SampleTarget> watched) {
        ts = tick.ts();
        hostCpu.add(tick.host().cpu());
        hostMemUsed.add(tick.host().memUsed());
        Set<Integer> ids = new HashSet<>();
        Map<String, double[]> sums = new HashMap<>();
        for (SampleTarget w : watched) {
            Usage u = tick.workers().get(w.id());
            double cpu = u != null && u.pid() == w.pid() ? u.cpu() : 0;
            double memory = u != null && u.pid() == w.pid() ? u.memory() : 0;
            workers.computeIfAbsent(w.id(), id -> new Pair(capacity)).add(cpu, memory);
            ids.add(w.id());
            double[] sum = sums.computeIfAbsent(w.app(), a -> new double[2]);
            sum[0] += cpu;
            sum[1] += memory;
        }
        workers.keySet().retainAll(ids);
        apps.keySet().retainAll(sums.keySet());
        sums.forEach(
                (app, sum) -> apps.computeIfAbsent(app, a -> new Pair(capacity)).add(sum[0], sum[1]));
    }

    /** The whole history in the wire shape of the {@code history} command. */
    public synchronized History snapshot() {
        Map<String, io.jpm.ipc.wire.Series> byApp = new TreeMap<>();
        apps.forEach((name, p) -> byApp.put(name, p.wire()));
        Map<Integer, io.jpm.ipc.wire.Series> byWorker = new TreeMap<>();
        workers.forEach((id, p) -> byWorker.put(id, p.wire()));
        return new History(ts, intervalMs, hostCpu.toArray(), hostMemUsed.toLongArray(), byApp, byWorker);
    }

    /** One worker's series ({@code cpu}, {@code memory}, oldest first), if it has been sampled. */
    public synchronized Optional<io.jpm.ipc.wire.Series> worker(int id) {
        Pair p = workers.get(id);
        return p == null ? Optional.empty() : Optional.of(p.wire());
    }

    /** How many samples the worker's series holds (0 if none). */
    public synchronized int length(int id) {
        Pair p = workers.get(id);
        return p == null ? 0 : p.cpu().size();
    }
}
