/**
 * Health probes (liveness and readiness, in Kubernetes' shape): {@link io.jpm.engine.health.Prober} runs one check
 * of an HTTP GET, a TCP connect or a command, and {@link io.jpm.engine.health.ProbeTracker} turns a process's
 * results into a state with the probe's thresholds. A leaf: it knows nothing of apps or workers.
 *
 * <p>Threading: checks run on the prober's small pool ({@code jpm-probe-N}), never on the supervisor's actor; each
 * check's future completes there and the caller hands it back to its own thread. A tracker is owned by one thread
 * (the actor) and takes the time as a parameter.
 */
package io.jpm.engine.health;
