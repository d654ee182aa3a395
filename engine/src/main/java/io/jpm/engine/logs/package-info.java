/**
 * Logs: the worker log files (RotatingLogFile, AppLogs), the path of a line from a worker's FIFO to its file and
 * subscribers (LogReader, LogPump, LineSplitter, LogLineWriter, LogBatchJson) and the daemon's own log interface
 * (DaemonLog). The log commands over apps are supervise's LogCommands.
 *
 * <p>Threading: LogReader owns one thread, {@code jpm-log-reader}, which runs every LogPump; a log file's monitor
 * guards its writes and the line counters, which the log commands read on the actor. Compression runs on
 * {@code jpm-log-compress}.
 */
package io.jpm.engine.logs;
