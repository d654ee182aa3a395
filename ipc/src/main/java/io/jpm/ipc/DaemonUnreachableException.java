package io.jpm.ipc;

/** No daemon answered in time. */
public final class DaemonUnreachableException extends Exception {
    public DaemonUnreachableException(String message) {
        super(message);
    }
}
