package io.jpm.engine.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One health probe of an app ({@code liveness_probe} or {@code readiness_probe}), with Kubernetes' meanings and
 * defaults: the first check {@code initialDelayMs} after the process starts, then one every {@code periodMs}, each
 * given {@code timeoutMs}; {@code successThreshold} passes in a row make the process healthy, {@code failureThreshold}
 * failures in a row unhealthy.
 *
 * @param kind what a check does
 * @param path {@code http_get}: the request path
 * @param port {@code http_get} and {@code tcp_socket}: the port; 0 means the worker's {@code PORT}
 * @param scheme {@code http_get}: {@code http} or {@code https} (whose certificate is not checked, as Kubernetes)
 * @param host {@code http_get} and {@code tcp_socket}: the address to reach; loopback when null
 * @param command {@code exec}: the argv (a string in the file runs through {@code sh -c})
 */
public record ProbeSpec(
        Kind kind,
        String path,
        int port,
        String scheme,
        String host,
        List<String> command,
        long initialDelayMs,
        long periodMs,
        long timeoutMs,
        int successThreshold,
        int failureThreshold) {

    /** What one check does. */
    public enum Kind {
        HTTP_GET,
        TCP_SOCKET,
        EXEC;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final long DEFAULT_INITIAL_DELAY_MS = 0;
    public static final long DEFAULT_PERIOD_MS = 10_000;
    public static final long DEFAULT_TIMEOUT_MS = 1_000;
    public static final int DEFAULT_SUCCESS_THRESHOLD = 1;
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    public ProbeSpec {
        Objects.requireNonNull(kind, "kind");
        command = command == null ? List.of() : List.copyOf(command);
        if (kind == Kind.HTTP_GET && (path == null || !path.startsWith("/"))) {
            throw new IllegalArgumentException("http_get.path does not start with /: " + path);
        }
        if (kind == Kind.EXEC && command.isEmpty()) throw new IllegalArgumentException("exec.command is empty");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of 0..65535: " + port);
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme is not http or https: " + scheme);
        }
        if (initialDelayMs < 0) throw new IllegalArgumentException("initial_delay_seconds < 0: " + initialDelayMs);
        if (periodMs < 1) throw new IllegalArgumentException("period_seconds is not positive: " + periodMs + " ms");
        if (timeoutMs < 1) throw new IllegalArgumentException("timeout_seconds is not positive: " + timeoutMs + " ms");
        if (successThreshold < 1) throw new IllegalArgumentException("success_threshold < 1: " + successThreshold);
        if (failureThreshold < 1) throw new IllegalArgumentException("failure_threshold < 1: " + failureThreshold);
    }

    /** An HTTP GET of {@code path} on the worker's PORT, with every other setting at its default. */
    public static ProbeSpec httpGet(String path) {
        return new ProbeSpec(
                Kind.HTTP_GET,
                path,
                0,
                "http",
                null,
                List.of(),
                DEFAULT_INITIAL_DELAY_MS,
                DEFAULT_PERIOD_MS,
                DEFAULT_TIMEOUT_MS,
                DEFAULT_SUCCESS_THRESHOLD,
                DEFAULT_FAILURE_THRESHOLD);
    }

    /** What one check reaches, for describe and logs: {@code GET http://127.0.0.1:$PORT/health}. */
    public String target() {
        String where = (host == null ? "127.0.0.1" : host) + ":" + (port == 0 ? "$PORT" : Integer.toString(port));
        return switch (kind) {
            case HTTP_GET -> "GET " + (scheme == null ? "http" : scheme) + "://" + where + path;
            case TCP_SOCKET -> "tcp " + where;
            case EXEC -> String.join(" ", command);
        };
    }

    /** One line for describe: the target and the timing. */
    public String describe() {
        return target() + ", every " + seconds(periodMs) + ", timeout " + seconds(timeoutMs) + ", delay "
                + seconds(initialDelayMs) + ", " + successThreshold + " to pass, " + failureThreshold + " to fail";
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
