package io.jpm.ipc;

import org.zeromq.ZMQ;

/**
 * The endpoint one of the {@link ControlServer}'s sockets has bound for other hosts, if any. Not thread-safe: it is
 * used only by the thread that owns its socket.
 */
final class RemoteEndpoint {
    /** How long a bind to a port still in use is tried again: an unbind frees the port a little later. */
    private static final long BIND_RETRY_NANOS = 1_000_000_000L;

    private final ZMQ.Socket socket;
    private String bound;

    RemoteEndpoint(ZMQ.Socket socket) {
        this.socket = socket;
    }

    /**
     * Unbinds the endpoint bound (if any) and binds {@code endpoint} (if not null). An unbind frees the port in the
     * I/O thread a little later, so a bind to a port in use is tried again for up to a second; a bind that fails
     * leaves nothing bound.
     */
    void rebind(String endpoint) {
        if (bound != null) socket.unbind(bound);
        bound = null;
        if (endpoint == null) return;
        long deadline = System.nanoTime() + BIND_RETRY_NANOS;
        while (true) {
            try {
                if (!socket.bind(endpoint)) throw new IllegalStateException("cannot listen on " + endpoint);
                bound = socket.getLastEndpoint();
                return;
            } catch (org.zeromq.ZMQException e) {
                boolean inUse = e.getErrorCode() == zmq.ZError.EADDRINUSE;
                if (!inUse || System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "cannot listen on " + endpoint + ": "
                                    + (inUse ? "the address is in use" : zmq.ZError.toString(e.getErrorCode())),
                            e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
        }
    }
}
