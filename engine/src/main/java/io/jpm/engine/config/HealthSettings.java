package io.jpm.engine.config;

/**
 * An app's health probes: {@code liveness} restarts a process that fails it (through the restart policy),
 * {@code readiness} keeps a cluster process out of its balancer's rotation while it fails. Either may be null (none).
 */
public record HealthSettings(ProbeSpec liveness, ProbeSpec readiness) {
    public static final HealthSettings NONE = new HealthSettings(null, null);

    public boolean any() {
        return liveness != null || readiness != null;
    }
}
