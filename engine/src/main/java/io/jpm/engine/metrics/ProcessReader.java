package io.jpm.engine.metrics;

import java.util.List;

/** Reads the raw figures of one process. Called from the sampler's thread only. */
public interface ProcessReader {
    /**
     * Puts the process's CPU time (utime + stime, in clock ticks) in {@code out[0]} and its resident memory in
     * bytes in {@code out[1]}. False when the process is gone.
     */
    boolean read(long pid, long[] out);

    /** The pids of the process's descendants, as they are now. */
    List<Long> descendants(long pid);

    /** Clock ticks per second of the figures of {@link #read}. */
    long ticksPerSecond();
}
