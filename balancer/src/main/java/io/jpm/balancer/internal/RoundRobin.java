package io.jpm.balancer.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands connections to backends in turn, skipping those that are down or already tried. */
final class RoundRobin implements Picker {

    /** The turn counter, shared by all I/O threads. */
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Backend choose(Backend[] rotation, List<Backend> tried, long nowNanos) {
        int n = rotation.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        Backend fallback = null;
        for (int i = 0; i < n; i++) {
            Backend candidate = rotation[(start + i) % n];
            if (tried.contains(candidate)) {
                continue;
            }
            if (!candidate.isDown(nowNanos)) {
                return candidate;
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        return fallback;
    }
}
