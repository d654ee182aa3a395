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
        return new ClusterSettings(port, host, balance, waitReady, readyLine, listenTimeout, drainTimeout);
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
