package io.jpm.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.jpm.engine.config.ProbeSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real checks: a loopback HTTP server, a listening socket, and real commands. */
class ProberTest {
    @TempDir
    Path dir;

    private Prober prober;
    private HttpServer http;

    @BeforeEach
    void start() throws Exception {
        prober = new Prober(System::nanoTime, System::currentTimeMillis);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            int code =
                    switch (ex.getRequestURI().getPath()) {
                        case "/ok" -> 200;
                        case "/moved" -> 302;
                        case "/slow" -> {
                            try {
                                Thread.sleep(2_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            yield 200;
                        }
                        default -> 500;
                    };
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        prober.close();
    }

    private static ProbeSpec http(String path, int port, long timeoutMs) {
        return new ProbeSpec(ProbeSpec.Kind.HTTP_GET, path, port, "http", null, List.of(), 0, 1000, timeoutMs, 1, 3);
    }

    private static ProbeSpec exec(long timeoutMs, String... argv) {
        return new ProbeSpec(ProbeSpec.Kind.EXEC, null, 0, null, null, List.of(argv), 0, 1000, timeoutMs, 1, 3);
    }

    private ProbeOutcome check(ProbeSpec spec, int workerPort) throws Exception {
        return prober.check(spec, workerPort, dir, Map.of("PATH", System.getenv("PATH"), "WHO", "jpm"))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void a2xxOr3xxStatusIsHealthyAndOthersAreNot() throws Exception {
        int port = http.getAddress().getPort();
        ProbeOutcome ok = check(http("/ok", 0, 1000), port);
        assertTrue(ok.ok());
        assertEquals("HTTP 200", ok.output());
        assertTrue(check(http("/moved", port, 1000), 0).ok(), "a probe's own port wins");
        ProbeOutcome bad = check(http("/broken", 0, 1000), port);
        assertFalse(bad.ok());
        assertEquals("HTTP 500", bad.output());
    }

    @Test
    void aSlowAnswerFailsAtTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        ProbeOutcome o = check(http("/slow", 0, 300), http.getAddress().getPort());
        assertFalse(o.ok());
        assertTrue(o.output().contains("SocketTimeoutException"), o.output());
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1_900), "did not wait for the answer");
    }

    @Test
    void noPortAndARefusedConnectFail() throws Exception {
        ProbeOutcome none = check(http("/ok", 0, 1000), 0);
        assertFalse(none.ok());
        assertTrue(none.output().contains("no port"), none.output());
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertFalse(check(http("/ok", closed, 1000), 0).ok());
    }

    @Test
    void aTcpProbePassesWhenThePortAccepts() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            ProbeSpec tcp = new ProbeSpec(
                    ProbeSpec.Kind.TCP_SOCKET, null, s.getLocalPort(), null, null, List.of(), 0, 1000, 1000, 1, 3);
            assertTrue(check(tcp, 0).ok());
        }
    }

    @Test
    void aCommandPassesOnExitZeroWithTheAppsCwdAndEnv() throws Exception {
        Files.writeString(dir.resolve("flag"), "");
        ProbeOutcome ok = check(exec(2000, "sh", "-c", "test -f flag && echo hello $WHO"), 0);
        assertTrue(ok.ok(), ok.output());
        assertEquals("exit 0: hello jpm", ok.output());
        ProbeOutcome bad = check(exec(2000, "sh", "-c", "echo nope >&2; exit 3"), 0);
        assertFalse(bad.ok());
        assertEquals("exit 3: nope", bad.output());
    }

    private static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        Path pid = dir.resolve("child.pid");
        long t0 = System.nanoTime();
        ProbeOutcome o = check(exec(300, "sh", "-c", "sleep 30 & echo $! > child.pid; wait"), 0);
        assertFalse(o.ok(), o.toString());
        assertTrue(o.output().startsWith("timed out after 300 ms"), o.output());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        long child = Long.parseLong(Files.readString(pid).strip());
        // killed at once; a zombie until its new parent reaps it, which /proc shows as state Z
        io.jpm.testing.Await.until("the child is gone too", 5_000, () -> gone(child));
    }
}
