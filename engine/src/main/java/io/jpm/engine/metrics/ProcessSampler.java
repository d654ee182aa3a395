package io.jpm.engine.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw per-process readings into each worker's CPU percent (of one core) and resident memory.
 *
 * <p>CPU is the growth of a process's CPU ticks since the previous sample over the wall time between the two, so
 * a process seen for the first time shows 0 until the next sample. With {@code tree}, the worker's figures are the
 * sum over its process and every descendant alive at the sample. Time is a parameter; not thread-safe (the
 * sampler's thread owns it).
 */
final class ProcessSampler {
    private final ProcessReader reader;
    private final long[] buf = new long[2];
    /** CPU ticks of every process read at the previous sample, by pid. */
    private Map<Long, Long> previousTicks = new HashMap<>();

    private long previousNanos;
    private boolean sampledBefore;

    ProcessSampler(ProcessReader reader) {
        this.reader = reader;
    }

    /** The figures of every running worker of {@code watched}; a worker whose process is gone is left out. */
    Map<Integer, Usage> sample(List<SampleTarget> watched, long nowNanos) {
        Map<Long, Long> ticks = new HashMap<>();
        Map<Integer, Usage> out = new HashMap<>();
        double seconds = sampledBefore ? (nowNanos - previousNanos) / 1e9 : 0;
        for (SampleTarget w : watched) {
            if (w.pid() <= 0) continue;
            if (!reader.read(w.pid(), buf)) continue;
            long delta = delta(w.pid(), buf[0], ticks);
            long rss = buf[1];
            if (w.tree()) {
                for (long child : reader.descendants(w.pid())) {
                    if (!reader.read(child, buf)) continue;
                    delta += delta(child, buf[0], ticks);
                    rss += buf[1];
                }
            }
            double cpu = seconds > 0 ? delta * 100.0 / reader.ticksPerSecond() / seconds : 0;
            out.put(w.id(), new Usage(w.pid(), Math.round(cpu * 10) / 10.0, rss));
        }
        previousTicks = ticks;
        previousNanos = nowNanos;
        sampledBefore = true;
        return out;
    }

    private long delta(long pid, long nowTicks, Map<Long, Long> ticks) {
        ticks.put(pid, nowTicks);
        Long before = previousTicks.get(pid);
        return before == null || nowTicks < before ? 0 : nowTicks - before;
    }
}
