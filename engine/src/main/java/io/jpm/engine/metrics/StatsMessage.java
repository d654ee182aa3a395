package io.jpm.engine.metrics;

import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WorkerView;
import java.util.List;
import java.util.Map;

/**
 * The body of one {@code stats} message (docs/protocol.md): the tick's time and host figures, and one object per
 * worker. The workers are given whole by the caller, who builds them as {@code jpm list --json} items with the
 * tick's figures (a cluster worker's with its {@code conns}).
 */
public final class StatsMessage {
    private StatsMessage() {}

    public static Stats of(Tick tick, List<WorkerView> workers, Map<Integer, Long> unwrittenLogLines) {
        HostUsage h = tick.host();
        return new Stats(
                tick.ts(),
                tick.intervalMs(),
                new Stats.Host(h.cpu(), h.cores(), h.memUsed(), h.memTotal()),
                workers,
                unwrittenLogLines);
    }
}
