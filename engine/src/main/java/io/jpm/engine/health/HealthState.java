package io.jpm.engine.health;

import java.util.Locale;

/** What a process's probes say: nothing yet, passing, or failing. */
public enum HealthState {
    UNKNOWN,
    HEALTHY,
    UNHEALTHY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a process with two probes: unhealthy if either is, healthy if every one present is. */
    public static HealthState of(HealthState a, HealthState b) {
        if (a == UNHEALTHY || b == UNHEALTHY) return UNHEALTHY;
        if (a == UNKNOWN || b == UNKNOWN) return UNKNOWN;
        return HEALTHY;
    }
}
