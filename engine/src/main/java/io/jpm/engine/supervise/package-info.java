/**
 * Supervision: the apps and their workers (App, Worker), what drives a worker through its life (Lifecycle,
 * WorkerLauncher, TreeStopper), and the command handlers (ProcessCommands, StateCommands, StatsTicker), wired
 * together in Supervisor.
 *
 * <p>Threading: everything here runs on the supervisor's actor, one thread, so nothing takes a lock. Process exits,
 * sampler ticks and readiness results are observed on other threads and handed to the actor. The only values that
 * leave the actor are immutable (records, maps built for the wire, the sampler's list of targets).
 */
package io.jpm.engine.supervise;
