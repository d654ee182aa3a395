package io.jpm.engine.config;

import java.util.Objects;

/**
 * How a cluster app's workers share its public port: jpm's balancer on {@code port} (the proxy listen mode), the
 * daemon's listening socket handed to every worker as fd 3 (the socket listen mode, on {@code port} or
 * {@code listenPath}), or, with neither, node's own cluster module (the app listens itself and the instances share
 * that socket).
 *
 * @param port the public port the balancer serves; 0 = any free port; {@link #NO_PORT} = none, node's cluster mode
 * @param host the balancer's bind address; null = all addresses
 * @param readyLine with waitReady: a stdout line containing this marks a worker ready; null = port probe
 * @param listenPath in the socket mode, the path of a Unix socket to listen on instead of TCP; null = TCP
 */
public record ClusterSettings(
        int port,
        String host,
        AppSpec.Balance balance,
        boolean waitReady,
        String readyLine,
        long listenTimeoutMs,
        long drainTimeoutMs,
        ListenMode listenMode,
        String listenPath) {

    /** Who accepts a cluster's connections: jpm's balancer, which relays them, or the workers themselves. */
    public enum ListenMode {
        PROXY,
        SOCKET;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** No {@code port} key: in cluster mode, the app listens itself and node's cluster module shares the socket. */
    public static final int NO_PORT = -1;

    public static final long DEFAULT_LISTEN_TIMEOUT_MS = 3000;
    public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5000;

    public static final ClusterSettings DEFAULT = Settings.defaults(ClusterSettings.class, "cluster");

    public ClusterSettings {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(listenMode, "listenMode");
        if (listenPath != null && listenMode != ListenMode.SOCKET)
            throw new IllegalArgumentException("a listen path without the socket mode: " + listenPath);
        if (port < NO_PORT || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** The port the balancer binds: 0 (any free port) when the file named none. */
    public int balancerPort() {
        return Math.max(0, port);
    }

    /** True when no public port is set: in cluster mode, node's cluster module shares the app's own socket. */
    public boolean nodeCluster() {
        return port == NO_PORT && listenMode == ListenMode.PROXY;
    }

    /** True when the app has an address of its own, a public port or a socket path, which describe shows. */
    public boolean hasAddress() {
        return port > 0 || listenPath != null;
    }

    /** True when the daemon's socket is handed to the workers, which accept on it themselves. */
    public boolean sharesSocket() {
        return listenMode == ListenMode.SOCKET;
    }
}
