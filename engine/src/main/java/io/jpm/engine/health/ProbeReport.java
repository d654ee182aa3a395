package io.jpm.engine.health;

/**
 * One probe of a process as describe shows it.
 *
 * @param probe {@code liveness} or {@code readiness}
 * @param target what a check reaches
 * @param last the latest result, or null before the first
 * @param lastFailure the latest failed result, or null
 * @param failures failures in a row
 */
public record ProbeReport(
        String probe, String target, HealthState state, ProbeOutcome last, ProbeOutcome lastFailure, int failures) {}
