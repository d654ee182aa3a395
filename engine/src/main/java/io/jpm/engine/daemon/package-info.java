/**
 * The daemon process: Main (the entry point and the single-instance lock), Daemon (the control plane, start-up and
 * shutdown in a fixed order) and the daemon's log file (DaemonLogWriter, DaemonLogFile).
 *
 * <p>Threading: commands arrive on the control server's thread and go to the supervisor; shutdown runs once, on the
 * thread that asks first (a kill command or a signal hook). DaemonLogWriter is safe from any thread.
 */
package io.jpm.engine.daemon;
