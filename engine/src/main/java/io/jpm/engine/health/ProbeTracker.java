package io.jpm.engine.health;

import io.jpm.engine.config.ProbeSpec;
import java.util.Objects;

/**
 * One probe of one process: when its next check is due, whether one is in flight, and the state its results add up
 * to with Kubernetes' rules. The state starts unknown; {@code success_threshold} passes in a row make it healthy,
 * {@code failure_threshold} failures in a row unhealthy. The first check is due {@code initial_delay_seconds} after
 * the process started, each next one a period after the previous one was sent.
 *
 * <p>Owned by one thread (the supervisor's actor); time is a {@code System.nanoTime()} reading passed in.
 */
public final class ProbeTracker {
    private final ProbeSpec spec;
    private long dueNanos;
    private boolean inFlight;
    private int passes;
    private int failures;
    private boolean everPassed;
    private HealthState state = HealthState.UNKNOWN;
    private ProbeOutcome last;
    private ProbeOutcome lastFailure;

    public ProbeTracker(ProbeSpec spec, long startedNanos) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.dueNanos = startedNanos + spec.initialDelayMs() * 1_000_000;
    }

    public ProbeSpec spec() {
        return spec;
    }

    /** True when a check should be sent at {@code nowNanos}: it is due and none is in flight. */
    public boolean due(long nowNanos) {
        return !inFlight && nowNanos - dueNanos >= 0;
    }

    /** A check was sent at {@code nowNanos}; the next is due a period later. */
    public void sent(long nowNanos) {
        inFlight = true;
        dueNanos = nowNanos + spec.periodMs() * 1_000_000;
    }

    /** A check ended with {@code outcome}; returns true when the state changed. */
    public boolean record(ProbeOutcome outcome) {
        inFlight = false;
        last = outcome;
        HealthState before = state;
        if (outcome.ok()) {
            failures = 0;
            passes++;
            everPassed = true;
            if (passes >= spec.successThreshold()) state = HealthState.HEALTHY;
        } else {
            passes = 0;
            failures++;
            lastFailure = outcome;
            if (failures >= spec.failureThreshold()) state = HealthState.UNHEALTHY;
        }
        return state != before;
    }

    public HealthState state() {
        return state;
    }

    /** Failures in a row so far. */
    public int failures() {
        return failures;
    }

    /** Whether any check of this process has passed. */
    public boolean everPassed() {
        return everPassed;
    }

    /** The snapshot that leaves the actor. */
    public ProbeReport report(String probe) {
        return new ProbeReport(probe, spec.target(), state, last, lastFailure, failures);
    }
}
