package io.jpm.engine.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An app's health and start order: {@code liveness} restarts a process that fails it (through the restart policy),
 * {@code readiness} keeps a cluster process out of its balancer's rotation while it fails (either may be null: none),
 * and {@code dependsOn} names the apps that must be started, ready or healthy before it starts, the conditions read
 * from the same probes.
 */
public record HealthSettings(ProbeSpec liveness, ProbeSpec readiness, List<Dependency> dependsOn) {
    public static final HealthSettings NONE = Settings.defaults(HealthSettings.class, "health");

    /** What a dependency must have reached before its dependent starts. */
    public enum Condition {
        /** Its processes were started (the default, as systemd's {@code After=}). */
        STARTED,
        /** Every worker is ready: in rotation (cluster), READY=1 sent (wait_ready), its readiness probe passing. */
        READY,
        /** Every worker's probes pass; without probes, as ready. */
        HEALTHY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One app this one waits for, and for what. */
    public record Dependency(String app, Condition condition) {
        public Dependency {
            Objects.requireNonNull(app, "app");
            Objects.requireNonNull(condition, "condition");
        }
    }

    public HealthSettings {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    public HealthSettings(ProbeSpec liveness, ProbeSpec readiness) {
        this(liveness, readiness, List.of());
    }

    public boolean any() {
        return liveness != null || readiness != null;
    }
}
