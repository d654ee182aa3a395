package io.jpm.engine.config;

import java.util.Objects;

/**
 * How a cluster app's workers share its public port: jpm's balancer on {@code port}, or, with no port, node's own
 * cluster module (the app listens itself and the instances share that socket).
 *
 * @param port the public port the balancer serves; 0 = any free port; {@link #NO_PORT} = none, node's cluster mode
 * @param host the balancer's bind address; null = all addresses
 * @param readyLine with waitReady: a stdout line containing this marks a worker ready; null = port probe
 */
public record ClusterSettings(
        int port,
        String host,
        AppSpec.Balance balance,
        boolean waitReady,
        String readyLine,
        long listenTimeoutMs,
        long drainTimeoutMs) {

    /** No {@code port} key: in cluster mode, the app listens itself and node's cluster module shares the socket. */
    public static final int NO_PORT = -1;

    public static final long DEFAULT_LISTEN_TIMEOUT_MS = 3000;
    public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5000;

    public static final ClusterSettings DEFAULT = Settings.defaults(ClusterSettings.class, "cluster");

    public ClusterSettings {
        Objects.requireNonNull(balance, "balance");
        if (port < NO_PORT || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** The port the balancer binds: 0 (any free port) when the file named none. */
    public int balancerPort() {
        return Math.max(0, port);
    }

    /** True when no public port is set: in cluster mode, node's cluster module shares the app's own socket. */
    public boolean nodeCluster() {
        return port == NO_PORT;
    }
}
