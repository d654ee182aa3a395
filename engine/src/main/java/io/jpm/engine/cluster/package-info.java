/**
 * Cluster mode: one balancer per app on its public port (AppBalancer, ClusterBalancers), a private port per worker
 * process (PortAllocator), and the readiness that admits a process to the rotation (ReadinessProbe,
 * ReadyLineWatcher), all steered by ClusterRouting.
 *
 * <p>Threading: ClusterRouting and ClusterBalancers run on the supervisor's actor. ReadinessProbe runs its own
 * thread and hands results back to the actor; ReadyLineWatcher runs on the log reader's thread and only compares
 * bytes. The balancers run their own I/O threads (see the balancer module).
 */
package io.jpm.engine.cluster;
