package io.jpm.engine.health;

import io.jpm.engine.config.ProbeSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs one check of a probe: an HTTP GET (healthy on a 2xx or 3xx status), a TCP connect, or a command (healthy on
 * exit 0; on timeout its whole tree is killed). HTTP is a plain blocking socket with one request and the status line
 * read back: no client library, no selector thread, and a check costs one connect.
 *
 * <p>Threading: checks run on a fixed pool of {@link #THREADS} named threads, so at most that many run at once and a
 * slow probe delays others rather than growing the daemon; the returned future completes on a pool thread.
 */
public final class Prober implements AutoCloseable {
    public static final int THREADS = 4;
    private static final int MAX_READ = 4096;

    private final ExecutorService pool;
    private final ScheduledExecutorService killer;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;

    public Prober(LongSupplier nanoClock, LongSupplier wallClock) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "jpm-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.killer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jpm-probe-timeout");
            t.setDaemon(true);
            return t;
        });
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    /**
     * Runs one check of {@code spec} for a process whose PORT is {@code workerPort} (0 when it has none), with the
     * app's {@code cwd} and {@code env} for a command.
     */
    public CompletableFuture<ProbeOutcome> check(ProbeSpec spec, int workerPort, Path cwd, Map<String, String> env) {
        return CompletableFuture.supplyAsync(() -> run(spec, workerPort, cwd, env), pool);
    }

    private ProbeOutcome run(ProbeSpec spec, int workerPort, Path cwd, Map<String, String> env) {
        long start = nanoClock.getAsLong();
        boolean ok;
        String output;
        try {
            int port = spec.port() > 0 ? spec.port() : workerPort;
            if (spec.kind() != ProbeSpec.Kind.EXEC && port <= 0) {
                throw new IOException("no port: the probe sets none and the worker has no PORT");
            }
            switch (spec.kind()) {
                case HTTP_GET -> {
                    int status = httpGet(spec, port);
                    ok = status >= 200 && status < 400;
                    output = "HTTP " + status;
                }
                case TCP_SOCKET -> {
                    try (Socket s = new Socket()) {
                        s.connect(address(spec, port), (int) spec.timeoutMs());
                    }
                    ok = true;
                    output = "connected to port " + port;
                }
                case EXEC -> {
                    Exec e = exec(spec, cwd, env);
                    ok = e.code == 0 && !e.timedOut;
                    output = (e.timedOut ? "timed out after " + spec.timeoutMs() + " ms" : "exit " + e.code)
                            + (e.output.isBlank() ? "" : ": " + e.output.strip());
                }
                default -> throw new IllegalStateException(spec.kind().toString());
            }
        } catch (IOException | RuntimeException e) {
            ok = false;
            output = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
            output = "interrupted";
        }
        long took = (nanoClock.getAsLong() - start) / 1_000_000;
        return new ProbeOutcome(ok, output, wallClock.getAsLong(), took);
    }

    private static InetSocketAddress address(ProbeSpec spec, int port) throws IOException {
        InetAddress host = spec.host() == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(spec.host());
        return new InetSocketAddress(host, port);
    }

    /** One GET within the probe's timeout (connect and read together); returns the status code. */
    private int httpGet(ProbeSpec spec, int port) throws IOException {
        long deadline = nanoClock.getAsLong() + spec.timeoutMs() * 1_000_000;
        InetSocketAddress to = address(spec, port);
        try (Socket plain = new Socket()) {
            plain.connect(to, (int) spec.timeoutMs());
            Socket s = plain;
            if ("https".equals(spec.scheme())) {
                SSLSocket tls = (SSLSocket) Tls.FACTORY.createSocket(plain, to.getHostString(), port, true);
                tls.setSoTimeout(remainingMs(deadline));
                tls.startHandshake();
                s = tls;
            }
            String host = (spec.host() == null ? "127.0.0.1" : spec.host()) + ":" + port;
            OutputStream out = s.getOutputStream();
            out.write(("GET " + spec.path() + " HTTP/1.1\r\nHost: " + host
                            + "\r\nUser-Agent: jpm-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return statusCode(s, deadline);
        }
    }

    /** Reads up to the end of the status line, a chunk at a time (it usually comes in the first one). */
    private int statusCode(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        read:
        while (line.size() < MAX_READ) {
            s.setSoTimeout(remainingMs(deadline));
            int n = in.read(buf);
            if (n < 0) break;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    line.write(buf, 0, i);
                    break read;
                }
            }
            line.write(buf, 0, n);
        }
        String status = line.toString(StandardCharsets.US_ASCII).strip();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + ProbeOutcome.truncate(status));
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + ProbeOutcome.truncate(status));
        }
    }

    private int remainingMs(long deadline) throws IOException {
        long ms = (deadline - nanoClock.getAsLong()) / 1_000_000;
        if (ms <= 0) throw new java.net.SocketTimeoutException("timed out");
        return (int) ms;
    }

    private record Exec(int code, boolean timedOut, String output) {}

    /** Runs the command; past the timeout its tree is killed and the check fails. */
    private Exec exec(ProbeSpec spec, Path cwd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(spec.command()).redirectErrorStream(true);
        if (cwd != null) pb.directory(cwd.toFile());
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        ScheduledFuture<?> kill = killer.schedule(
                () -> {
                    timedOut.set(true);
                    killTree(p.toHandle());
                },
                spec.timeoutMs(),
                TimeUnit.MILLISECONDS);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                if (kept.size() < MAX_READ) kept.write(buf, 0, Math.min(n, MAX_READ - kept.size()));
            }
        } finally {
            if (!p.waitFor(spec.timeoutMs() + 1_000, TimeUnit.MILLISECONDS)) killTree(p.toHandle());
            kill.cancel(false);
        }
        int code = p.waitFor();
        return new Exec(code, timedOut.get(), kept.toString(StandardCharsets.UTF_8));
    }

    /** SIGKILLs the command and every descendant found before it died (they are reparented after). */
    private static void killTree(ProcessHandle root) {
        java.util.List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        killer.shutdownNow();
    }

    /** A TLS client that accepts any certificate, as Kubernetes' HTTPS probes do. */
    private static final class Tls {
        static final javax.net.ssl.SSLSocketFactory FACTORY = factory();

        private static javax.net.ssl.SSLSocketFactory factory() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                return ctx.getSocketFactory();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("no TLS: " + e.getMessage(), e);
            }
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
