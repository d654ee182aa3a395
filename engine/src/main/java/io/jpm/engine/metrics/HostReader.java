package io.jpm.engine.metrics;

/** Samples the machine's CPU and memory. Called from the sampler's thread only. */
public interface HostReader {
    /** The machine's figures since the previous call (CPU is 0 on the first call). */
    HostUsage sample();
}
