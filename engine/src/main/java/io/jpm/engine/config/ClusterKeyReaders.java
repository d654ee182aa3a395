package io.jpm.engine.config;

import java.util.Locale;

/**
 * The readings of the cluster keys with rules of their own ({@code port}, {@code balance}, {@code listen_mode},
 * {@code listen_path}, {@code ready_line}): each is the reader of one declaration in {@link Settings}.
 */
final class ClusterKeyReaders {

    private ClusterKeyReaders() {}

    static int port(Reading in) {
        return in.r.has(Settings.PORT.key()) ? in.r.integer(Settings.PORT.key(), 0, 0, 65535) : ClusterSettings.NO_PORT;
    }

    static AppSpec.Balance balance(Reading in) {
        AppReader r = in.r;
        String b = r.string(Settings.BALANCE.key());
        if (b == null) return AppSpec.Balance.ROUND_ROBIN;
        return switch (b.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "round_robin", "roundrobin", "rr" -> AppSpec.Balance.ROUND_ROBIN;
            case "least_connections", "least_conn", "leastconn" -> AppSpec.Balance.LEAST_CONNECTIONS;
            default -> {
                r.error(
                        Settings.BALANCE.key(),
                        r.get(Settings.BALANCE.key()),
                        "is not \"round-robin\" or \"least-connections\"");
                yield AppSpec.Balance.ROUND_ROBIN;
            }
        };
    }

    /** {@code listen_mode}: proxy (the default) or socket; a {@code listen_path} alone asks for the socket mode. */
    static ClusterSettings.ListenMode listenMode(Reading in) {
        AppReader r = in.r;
        String m = r.string(Settings.LISTEN_MODE.key());
        if (m == null)
            return r.has(Settings.LISTEN_PATH.key())
                    ? ClusterSettings.ListenMode.SOCKET
                    : ClusterSettings.ListenMode.PROXY;
        return switch (m.trim().toLowerCase(Locale.ROOT)) {
            case "proxy" -> ClusterSettings.ListenMode.PROXY;
            case "socket" -> ClusterSettings.ListenMode.SOCKET;
            default -> {
                r.error(
                        Settings.LISTEN_MODE.key(),
                        r.get(Settings.LISTEN_MODE.key()),
                        "is not \"proxy\" or \"socket\"");
                yield ClusterSettings.ListenMode.PROXY;
            }
        };
    }

    /**
     * {@code listen_path}: an absolute Unix socket path, in the socket mode only; checks too that the socket mode has
     * a port or a path to listen on.
     */
    static String listenPath(Reading in) {
        AppReader r = in.r;
        String path = Strings.nonEmpty(r, Settings.LISTEN_PATH.key());
        ClusterSettings.ListenMode mode = in.getOrDefault(Settings.LISTEN_MODE);
        if (mode == ClusterSettings.ListenMode.PROXY) {
            if (path != null) r.error(Settings.LISTEN_PATH.key(), "needs listen_mode \"socket\"");
            return null;
        }
        if (in.getOrDefault(Settings.PORT) == ClusterSettings.NO_PORT && path == null) {
            r.error(Settings.LISTEN_MODE.key(), "\"socket\" needs a port or a listen_path");
        }
        if (path != null && !path.startsWith("/")) {
            r.error(Settings.LISTEN_PATH.key(), r.get(Settings.LISTEN_PATH.key()), "is not an absolute path");
            return null;
        }
        return path;
    }

    /** {@code ready_line} is only used with {@code wait_ready}, which it turns on by default. */
    static String readyLine(Reading in) {
        String readyLine = Strings.nonEmpty(in.r, Settings.READY_LINE.key());
        if (!in.getOrDefault(Settings.WAIT_READY) && readyLine != null) {
            in.r.warn("ready_line was ignored: wait_ready is false");
            return null;
        }
        return readyLine;
    }
}
