package io.jpm.engine.config;

import io.jpm.ipc.AppKey;
import java.util.Locale;

/** Reads the cluster section of one app: the public port, its balancer and worker readiness. */
final class ClusterReader {

    private ClusterReader() {}

    static ClusterSettings read(AppReader r) {
        ClusterSettings d = ClusterSettings.DEFAULT;
        int port = r.has(AppKey.PORT) ? r.integer(AppKey.PORT, 0, 0, 65535) : ClusterSettings.NO_PORT;
        String host = Strings.nonEmpty(r, AppKey.HOST);
        AppSpec.Balance balance = balance(r);
        boolean waitReady = r.bool(AppKey.WAIT_READY, r.has(AppKey.READY_LINE));
        String readyLine = Strings.nonEmpty(r, AppKey.READY_LINE);
        if (!waitReady && readyLine != null) {
            r.warn("ready_line was ignored: wait_ready is false");
            readyLine = null;
        }
        long listenTimeout = r.millis(AppKey.LISTEN_TIMEOUT, d.listenTimeoutMs());
        long drainTimeout = r.millis(AppKey.DRAIN_TIMEOUT, d.drainTimeoutMs());
        String listenPath = Strings.nonEmpty(r, AppKey.LISTEN_PATH);
        ClusterSettings.ListenMode mode = listenMode(r, listenPath != null);
        if (mode == ClusterSettings.ListenMode.PROXY && listenPath != null) {
            r.error(AppKey.LISTEN_PATH, "needs listen_mode \"socket\"");
            listenPath = null;
        }
        if (mode == ClusterSettings.ListenMode.SOCKET && port == ClusterSettings.NO_PORT && listenPath == null) {
            r.error(AppKey.LISTEN_MODE, "\"socket\" needs a port or a listen_path");
        }
        if (mode == ClusterSettings.ListenMode.SOCKET && listenPath != null && !listenPath.startsWith("/")) {
            r.error(AppKey.LISTEN_PATH, r.get(AppKey.LISTEN_PATH), "is not an absolute path");
            listenPath = null;
        }
        return new ClusterSettings(
                port, host, balance, waitReady, readyLine, listenTimeout, drainTimeout, mode, listenPath);
    }

    /** proxy (the default) or socket; a listen_path alone asks for the socket mode. */
    private static ClusterSettings.ListenMode listenMode(AppReader r, boolean hasPath) {
        String m = r.string(AppKey.LISTEN_MODE);
        if (m == null) return hasPath ? ClusterSettings.ListenMode.SOCKET : ClusterSettings.ListenMode.PROXY;
        return switch (m.trim().toLowerCase(Locale.ROOT)) {
            case "proxy" -> ClusterSettings.ListenMode.PROXY;
            case "socket" -> ClusterSettings.ListenMode.SOCKET;
            default -> {
                r.error(AppKey.LISTEN_MODE, r.get(AppKey.LISTEN_MODE), "is not \"proxy\" or \"socket\"");
                yield ClusterSettings.ListenMode.PROXY;
            }
        };
    }

    private static AppSpec.Balance balance(AppReader r) {
        String b = r.string(AppKey.BALANCE);
        if (b == null) return AppSpec.Balance.ROUND_ROBIN;
        return switch (b.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "round_robin", "roundrobin", "rr" -> AppSpec.Balance.ROUND_ROBIN;
            case "least_connections", "least_conn", "leastconn" -> AppSpec.Balance.LEAST_CONNECTIONS;
            default -> {
                r.error(AppKey.BALANCE, r.get(AppKey.BALANCE), "is not \"round-robin\" or \"least-connections\"");
                yield AppSpec.Balance.ROUND_ROBIN;
            }
        };
    }
}
