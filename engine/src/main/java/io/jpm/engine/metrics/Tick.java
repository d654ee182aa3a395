package io.jpm.engine.metrics;

import java.util.Map;

/**
 * Everything one sampling interval measured. {@code ts} is the interval's nominal time in epoch milliseconds
 * (start + n × interval), so that consecutive ticks are exactly {@code intervalMs} apart. {@code workers} holds
 * the running workers only, by worker id.
 */
public record Tick(long ts, long intervalMs, HostUsage host, Map<Integer, Usage> workers) {
    public Tick {
        workers = Map.copyOf(workers);
    }

    /** The CPU share worker {@code id} used in this interval, 0 when it was not sampled. */
    public double cpu(int id) {
        Usage u = workers.get(id);
        return u == null ? 0 : u.cpu();
    }

    /** The resident memory of worker {@code id}, 0 when it was not sampled. */
    public long memory(int id) {
        Usage u = workers.get(id);
        return u == null ? 0 : u.memory();
    }

    public static Tick empty(long intervalMs) {
        return new Tick(0, intervalMs, HostUsage.UNKNOWN, Map.of());
    }
}
