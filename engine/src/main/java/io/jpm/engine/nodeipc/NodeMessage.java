package io.jpm.engine.nodeipc;

import java.util.Objects;

/**
 * One message a node worker sent on its IPC channel (one JSON value per line, node's {@code json} serialization),
 * reduced to what the daemon acts on. Everything else is {@link Other} and is ignored.
 */
public sealed interface NodeMessage {
    /** {@code process.send('ready')}: PM2's wait_ready signal. */
    record Ready() implements NodeMessage {}

    /**
     * A cluster worker's {@code server.listen(...)} asks its primary for the listening handle (node's
     * {@code queryServer}); the reply carries {@code ack: seq} and {@code key}.
     */
    record QueryServer(long seq, String address, int port, int addressType, String key) implements NodeMessage {
        public QueryServer {
            Objects.requireNonNull(key, "key");
        }

        /** True when the worker listens on a Unix socket path ({@code address}) rather than TCP. */
        public boolean pipe() {
            return addressType == -1;
        }
    }

    /** A cluster worker says it is up ({@code online}), listening ({@code listening}), or closed a handle. */
    record ClusterNotice(String act) implements NodeMessage {}

    /** Anything else: a user message, node's handle acknowledgements, or garbage. */
    record Other() implements NodeMessage {}
}
