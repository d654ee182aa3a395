package io.jpm.balancer.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands each connection to the backend with the fewest active connections; ties are broken in turn. */
final class LeastConnections implements Picker {

    /** Where the scan starts, so that equally loaded backends take turns; shared by all I/O threads. */
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Backend choose(Backend[] rotation, List<Backend> tried, long nowNanos) {
        int n = rotation.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        Backend best = null;
        int bestActive = Integer.MAX_VALUE;
        Backend fallback = null;
        int fallbackActive = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Backend candidate = rotation[(start + i) % n];
            if (tried.contains(candidate)) {
                continue;
            }
            int active = candidate.active.get();
            if (!candidate.isDown(nowNanos)) {
                if (active < bestActive) {
                    best = candidate;
                    bestActive = active;
                }
            } else if (active < fallbackActive) {
                fallback = candidate;
                fallbackActive = active;
            }
        }
        return best != null ? best : fallback;
    }
}
