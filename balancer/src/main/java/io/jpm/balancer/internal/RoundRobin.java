package io.jpm.balancer.internal;

/** Hands connections to backends in turn, skipping those that are down or already tried. */
final class RoundRobin extends Picker {
    @Override
    int load(Backend candidate) {
        return 0;
    }
}
