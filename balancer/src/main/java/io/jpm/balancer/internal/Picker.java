package io.jpm.balancer.internal;

import io.jpm.balancer.Strategy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses a backend for a new connection from a snapshot of the rotation.
 *
 * <p>Pickers are called by every I/O thread at once, so they keep no state but an atomic turn counter. A backend in
 * {@code tried} is never chosen; a backend that is down is chosen only when every other candidate is down too, so that
 * a client is turned away only when no backend is left to try.
 */
abstract sealed class Picker permits RoundRobin, LeastConnections {

    /** Where a scan starts, advanced once per choice so that equally loaded backends take turns. */
    private final AtomicInteger next = new AtomicInteger();

    /** How loaded a candidate is; the lowest wins, and the earliest in turn among equals. */
    abstract int load(Backend candidate);

    /** Returns the chosen backend, or null if every backend in {@code rotation} is in {@code tried}. */
    final Backend choose(Backend[] rotation, List<Backend> tried, long nowNanos) {
        int n = rotation.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        Backend best = null;
        int bestLoad = Integer.MAX_VALUE;
        Backend fallback = null;
        int fallbackLoad = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Backend candidate = rotation[(start + i) % n];
            if (tried.contains(candidate)) {
                continue;
            }
            int load = load(candidate);
            if (!candidate.isDown(nowNanos)) {
                if (load == 0) {
                    return candidate; // nothing can beat an idle backend that is up
                }
                if (load < bestLoad) {
                    best = candidate;
                    bestLoad = load;
                }
            } else if (load < fallbackLoad) {
                fallback = candidate;
                fallbackLoad = load;
            }
        }
        return best != null ? best : fallback;
    }

    static Picker of(Strategy strategy) {
        return switch (strategy) {
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_CONNECTIONS -> new LeastConnections();
        };
    }
}
