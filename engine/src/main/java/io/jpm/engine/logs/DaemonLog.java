package io.jpm.engine.logs;

/**
 * The daemon's own log, the one route by which every part of the daemon reports: start-up, decisions a user should
 * be able to trace (a worker errored, a balancer closed) and failures. Implementations are thread-safe.
 */
public interface DaemonLog {
    void info(String message);

    void warn(String message);

    /** A failure nobody else will see: a background task or a callback threw. */
    default void failed(String where, Throwable e) {
        warn(where + " failed: " + e);
    }
}
