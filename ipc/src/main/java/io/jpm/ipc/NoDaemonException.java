package io.jpm.ipc;

import java.nio.file.Path;

/**
 * Nothing listens on the local control socket (no file, or the file a dead daemon left): the request was not sent,
 * so a caller may start a daemon and send it again, or report that none runs.
 */
public final class NoDaemonException extends DaemonUnreachableException {
    public NoDaemonException(Path socket) {
        super("no daemon listens on " + socket);
    }
}
