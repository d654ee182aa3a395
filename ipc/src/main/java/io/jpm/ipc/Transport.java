package io.jpm.ipc;

/**
 * How a client carries one request frame to the daemon and its reply frame back. {@link ControlClient} (CURVE over
 * TCP) is one; a local socket in JPM_HOME may be another. {@link JpmClient} sits on this and never sees which.
 */
public interface Transport extends AutoCloseable {

    /** The daemon this transport reaches. */
    DaemonInfo daemon();

    /**
     * Sends {@code request} and returns the reply's bytes, waiting up to {@code timeoutMs} for each attempt and
     * sending again up to {@code retries} more times when no reply came (only for idempotent requests).
     */
    byte[] exchange(byte[] request, long timeoutMs, int retries) throws DaemonUnreachableException;

    @Override
    void close();
}
