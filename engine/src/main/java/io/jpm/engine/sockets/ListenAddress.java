package io.jpm.engine.sockets;

/**
 * Where an app's shared socket listens: a Unix socket at {@code path} when it is set, else TCP on {@code host}
 * (null = every address) and {@code port} (0 = any free port).
 */
public record ListenAddress(String host, int port, String path) {
    public ListenAddress {
        if (path == null && (port < 0 || port > 65535))
            throw new IllegalArgumentException("port out of range: " + port);
        if (path != null && path.isEmpty()) throw new IllegalArgumentException("empty socket path");
    }

    public static ListenAddress tcp(String host, int port) {
        return new ListenAddress(host, port, null);
    }

    public static ListenAddress unix(String path) {
        return new ListenAddress(null, 0, path);
    }

    public boolean isUnix() {
        return path != null;
    }

    /** The address as an operator writes it: {@code host:port}, {@code *:port} or the socket's path. */
    @Override
    public String toString() {
        if (path != null) return path;
        return (host == null ? "*" : host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
