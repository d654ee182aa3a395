package io.jpm.balancer.internal;

/** Hands each connection to the backend with the fewest active connections; ties are broken in turn. */
final class LeastConnections extends Picker {
    @Override
    int load(Backend candidate) {
        return candidate.active.get();
    }
}
