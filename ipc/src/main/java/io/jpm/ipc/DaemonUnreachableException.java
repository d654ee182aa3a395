package io.jpm.ipc;

/** No daemon answered in time. {@link NoDaemonException}: none listens at all, and nothing was sent. */
public sealed class DaemonUnreachableException extends Exception permits NoDaemonException {
    public DaemonUnreachableException(String message) {
        super(message);
    }
}
