package io.jpm.engine.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of one {@code stats} message (docs/protocol.md): the tick's time and host figures, and one object per
 * worker. The worker objects are given whole by the caller, who builds them as {@code jpm list --json} items with
 * the tick's figures, and may add fields to them (a cluster worker's {@code conns}).
 */
public final class StatsMessage {
    private StatsMessage() {}

    public static Map<String, Object> of(Tick tick, List<Map<String, Object>> workers) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", tick.ts());
        m.put("intervalMs", tick.intervalMs());
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("cpu", tick.host().cpu());
        host.put("cores", tick.host().cores());
        host.put("memUsed", tick.host().memUsed());
        host.put("memTotal", tick.host().memTotal());
        m.put("host", host);
        m.put("workers", List.copyOf(workers));
        return m;
    }
}
