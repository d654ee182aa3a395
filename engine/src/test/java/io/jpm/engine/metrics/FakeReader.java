package io.jpm.engine.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A process table set by hand: CPU ticks (100 a second), RSS and children per pid. */
final class FakeReader implements ProcessReader {
    final Map<Long, long[]> procs = new HashMap<>();
    final Map<Long, List<Long>> children = new HashMap<>();

    FakeReader set(long pid, long ticks, long rss) {
        procs.put(pid, new long[] {ticks, rss});
        return this;
    }

    FakeReader gone(long pid) {
        procs.remove(pid);
        return this;
    }

    @Override
    public boolean read(long pid, long[] out) {
        long[] p = procs.get(pid);
        if (p == null) return false;
        out[0] = p[0];
        out[1] = p[1];
        return true;
    }

    @Override
    public List<Long> descendants(long pid) {
        return children.getOrDefault(pid, List.of());
    }

    @Override
    public long ticksPerSecond() {
        return 100;
    }
}
