package io.jpm.engine.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.ipc.wire.Stats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves the latest {@code stats} message in the Prometheus text format at {@code http://127.0.0.1:PORT/metrics},
 * on loopback only. The text is written by the Prometheus client library's own writer.
 *
 * <p>Threading: one thread, {@code jpm-metrics-http}, answers scrapes; it reads the latest message through
 * {@code stats}, which must be safe to call from any thread.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<Stats> stats;

    private final DaemonLog log;

    private PrometheusEndpoint(HttpServer server, ExecutorService executor, Supplier<Stats> stats, DaemonLog log) {
        this.log = log;
        this.server = server;
        this.executor = executor;
        this.stats = stats;
    }

    /** Binds 127.0.0.1:{@code port} and starts serving; fails if the port is taken. */
    public static PrometheusEndpoint start(int port, Supplier<Stats> stats, DaemonLog log) throws IOException {
        return start(null, port, stats, log);
    }

    /**
     * Binds {@code address}:{@code port} (null: 127.0.0.1; {@code *}: every address) and starts serving; fails if the
     * port is taken or the address is not this host's.
     */
    public static PrometheusEndpoint start(String address, int port, Supplier<Stats> stats, DaemonLog log)
            throws IOException {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of 1..65535: " + port);
        HttpServer server = HttpServer.create(socketAddress(address, port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jpm-metrics-http");
            t.setDaemon(true);
            return t;
        });
        PrometheusEndpoint endpoint =
                new PrometheusEndpoint(server, executor, Objects.requireNonNull(stats, "stats"), log);
        server.setExecutor(executor);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    private static InetSocketAddress socketAddress(String address, int port) throws IOException {
        if (address == null) return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (address.equals("*")) return new InetSocketAddress(port);
        String literal =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        return new InetSocketAddress(InetAddress.getByName(literal), port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(16_384);
            try {
                WRITER.write(body, PrometheusSnapshot.of(stats.get()));
            } catch (RuntimeException e) {
                log.failed("jpm-metrics-http", e);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", WRITER.getContentType());
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.size());
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.writeTo(out);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
