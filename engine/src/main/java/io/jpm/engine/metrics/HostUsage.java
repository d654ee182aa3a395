package io.jpm.engine.metrics;

/** The machine's figures at one sample: CPU in percent of the whole machine (0-100), memory in bytes. */
public record HostUsage(double cpu, int cores, long memUsed, long memTotal) {
    public static final HostUsage UNKNOWN = new HostUsage(0, 0, 0, 0);
}
