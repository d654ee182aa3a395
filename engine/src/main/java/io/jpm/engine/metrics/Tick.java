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

    public static Tick empty(long intervalMs) {
        return new Tick(0, intervalMs, HostUsage.UNKNOWN, Map.of());
    }
}
