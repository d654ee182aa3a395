package io.jpm.balancer.internal;

import io.jpm.balancer.Strategy;
import java.util.List;

/**
 * Chooses a backend for a new connection from a snapshot of the rotation.
 *
 * <p>Pickers are called by every I/O thread at once, so they keep no state but an atomic counter. A backend in
 * {@code tried} is never chosen; a backend that is down is chosen only when every other candidate is down too, so that
 * a client is turned away only when no backend is left to try.
 */
sealed interface Picker permits RoundRobin, LeastConnections {

    /** Returns the chosen backend, or null if every backend in {@code rotation} is in {@code tried}. */
    Backend choose(Backend[] rotation, List<Backend> tried, long nowNanos);

    static Picker of(Strategy strategy) {
        return switch (strategy) {
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_CONNECTIONS -> new LeastConnections();
        };
    }
}
