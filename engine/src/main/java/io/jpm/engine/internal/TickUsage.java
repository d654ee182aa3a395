package io.jpm.engine.internal;

import io.jpm.engine.metrics.Tick;
import io.jpm.engine.metrics.Usage;

/** A worker's figures as one tick of the sampler measured them. */
public record TickUsage(Tick tick) implements Views.Usage {
    @Override
    public double cpu(int workerId) {
        Usage u = tick.workers().get(workerId);
        return u == null ? 0 : u.cpu();
    }

    @Override
    public long memory(int workerId) {
        Usage u = tick.workers().get(workerId);
        return u == null ? 0 : u.memory();
    }
}
