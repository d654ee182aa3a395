package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode's socket listen mode through the CLI: the daemon's socket is every python worker's fd 3, and no
 * connection is refused or lost through kills, reloads, scaling and a daemon crash.
 */
class SocketModeEndToEndTest extends DaemonTest {
    /**
     * A python HTTP server on the inherited fd 3 that answers with its instance and pid, prints "ready" once it
     * accepts, and on jpm's stop signal stops accepting and ends after the request it is serving.
     */
    static final String FD3 = """
            import http.server, os, signal, socket, threading
            assert os.environ["LISTEN_PID"] == str(os.getpid()) and os.environ["LISTEN_FDS"] == "1"
            listener = socket.socket(fileno=3)
            listener.setblocking(False)  # several workers wake for one connection: the others must not block
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("instance=%s pid=%d\\n" % (os.environ["JPM_INSTANCE"], os.getpid())).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            class Server(http.server.HTTPServer):
                def get_request(self):
                    conn, addr = self.socket.accept()
                    conn.setblocking(True)
                    return conn, addr
            server = Server(listener.getsockname()[:2], H, bind_and_activate=False)
            server.socket = listener
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *a: threading.Thread(target=server.shutdown).start())
            print("ready", flush=True)
            server.serve_forever(poll_interval=0.05)
            """;

    int port;

    @BeforeEach
    void settings() throws Exception {
        port = HttpLoad.freePort();
    }

    @Test
    void threePythonWorkersServeTheDaemonsSocketWithNoBalancer() throws Exception {
        start("s", 3);
        List<Long> pids = d.pids();
        long inode = inode(pids.get(0));
        for (long pid : pids) assertEquals(inode, inode(pid), "one socket for all");
        for (JsonNode w : d.list()) {
            assertFalse(w.has("port"), "no private port: " + w);
            assertEquals("socket", w.path("listen").path("mode").asText(), w.toString());
            assertTrue(w.path("listen").has("queued"), w.toString());
        }
        Set<String> served = new TreeSet<>();
        for (int i = 0; i < 200 && served.size() < 3; i++) served.add(HttpLoad.get(port));
        assertEquals(3, served.size(), "every worker accepts: " + served);
        JsonNode described = d.ok("describe", "s", "--json").json().get(0);
        assertEquals("socket", described.path("config").path("listen_mode").asText());
        assertEquals(port, described.path("publicPort").asInt(), described.toString());
        assertTrue(d.ok("describe", "s").out().contains("socket, 0 queued"), "describe shows the accept queue");
    }

    @Test
    void aUnixSocketPathServesToo() throws Exception {
        Path sock = d.dir.resolve("web.sock");
        Path script = d.write("fd3.py", FD3);
        d.ok("start", script.toString(), "--name", "u", "-i", "2", "--cluster", "--listen-path", sock.toString());
        d.awaitReady(2);
        Set<String> served = new TreeSet<>();
        // one worker that wins every accept would serve everything: an open connection that sends nothing holds
        // whichever worker takes it in its read (http.server serves one connection at a time), so the get that
        // follows can go to the other
        for (int i = 0; i < 100 && served.size() < 2; i++) {
            try (SocketChannel idle = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                served.add(unixGet(sock));
            }
        }
        assertEquals(2, served.size(), "both workers accept: " + served);
        d.ok("delete", "u");
        assertFalse(Files.exists(sock), "delete closes the socket and removes its file");
    }

    private static String unixGet(Path sock) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            c.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            String response = new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.0 200"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void aPortInUseFailsTheStartWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(port)) {
            TestDaemon.Result r = d.jpm(
                    "start",
                    "sleep",
                    "--name",
                    "busy",
                    "-i",
                    "2",
                    "--cluster",
                    "--port",
                    Integer.toString(port),
                    "--listen-mode",
                    "socket",
                    "--",
                    "300");
            assertNotEquals(0, r.code());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("address already in use"), r.err());
            assertEquals(0, d.list().size());
        }
        TestDaemon.Result bad = d.jpm("start", "sleep", "--cluster", "--listen-mode", "sockets", "--", "300");
        assertNotEquals(0, bad.code());
        assertTrue(bad.err().contains("listen_mode"), bad.err());
    }

    @Test
    void aSigkilledWorkerUnderLoadRefusesNoConnection() throws Exception {
        start("k", 3);
        long victim = d.pids().get(1);
        try (HttpLoad load = HttpLoad.start(port, 4)) {
            Await.until("load running", 10_000, () -> load.ok.get() > 50);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            Await.until("replacement ready", 15_000, () -> {
                JsonNode w = d.list().get(1);
                return w.path("ready").asBoolean() && w.path("pid").asLong() != victim;
            });
            int before = load.ok.get();
            Await.until("more load", 10_000, () -> load.ok.get() > before + 50);
            load.close();
            List<String> failures = List.copyOf(load.failures);
            assertTrue(failures.size() <= 1, "at most the request in flight on the victim: " + failures);
            for (String f : failures) assertFalse(f.contains("ConnectException"), "refused: " + failures);
        }
    }

    @Test
    void twoRollingReloadsUnderLoadLoseNoRequest() throws Exception {
        start("r", 3);
        List<Long> first = d.pids();
        long inode = inode(first.get(0));
        try (HttpLoad load = HttpLoad.start(port, 4)) {
            Await.until("load running", 10_000, () -> load.ok.get() > 50);
            d.ok("reload", "r");
            d.ok("reload", "r");
            int before = load.ok.get();
            Await.until("more load", 10_000, () -> load.ok.get() > before + 50);
            load.close();
            assertEquals(List.of(), List.copyOf(load.failures));
        }
        List<Long> last = d.pids();
        for (long pid : first) assertFalse(last.contains(pid), "every process replaced: " + first + " " + last);
        for (long pid : last) assertEquals(inode, inode(pid), "the same socket throughout");
    }

    @Test
    void aReloadWhoseNewProcessExitsFailsAtOnceAndKeepsTheOldOne() throws Exception {
        Path broken = d.dir.resolve("broken");
        Path script = d.write(
                "maybe.sh",
                "#!/bin/sh\n[ -e '" + broken + "' ] && exit 3\nexec python3 '" + d.write("fd3.py", FD3) + "'\n");
        d.ok(
                "start",
                script.toString(),
                "--name",
                "m",
                "-i",
                "1",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--listen-mode",
                "socket",
                "--wait-ready",
                "--ready-line",
                "ready",
                "--listen-timeout",
                "600000");
        d.awaitReady(1);
        long old = d.pids().get(0);
        Files.createFile(broken);
        long t0 = System.nanoTime();
        TestDaemon.Result r = d.jpm("reload", "m");
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("exited during reload"), r.err());
        assertTrue(tookMs < 300_000, "the exit ends the wait, not listen_timeout: " + tookMs + " ms");
        assertEquals(List.of(old), d.pids(), "the old process keeps serving");
        assertTrue(HttpLoad.get(port).contains("pid=" + old));
    }

    @Test
    void scalingTwoToFourToOneUnderLoadLosesNoRequest() throws Exception {
        start("c", 2);
        try (HttpLoad load = HttpLoad.start(port, 4)) {
            Await.until("load running", 10_000, () -> load.ok.get() > 50);
            d.ok("scale", "c", "4");
            d.awaitReady(4);
            int before = load.ok.get();
            Await.until("more load", 10_000, () -> load.ok.get() > before + 50);
            d.ok("scale", "c", "1");
            d.awaitReady(1);
            int after = load.ok.get();
            Await.until("load after scaling down", 10_000, () -> load.ok.get() > after + 50);
            load.close();
            assertEquals(List.of(), List.copyOf(load.failures));
        }
    }

    @Test
    void aNewDaemonTakesTheSocketBackSoLaterWorkersShareIt() throws Exception {
        start("a", 2);
        List<Long> pids = d.pids();
        long inode = inode(pids.get(0));
        try (HttpLoad load = HttpLoad.start(port, 4)) {
            Await.until("load running", 10_000, () -> load.ok.get() > 50);
            long daemon = d.daemonPid();
            ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
            Await.until("daemon gone", 10_000, () -> !ProcessState.isRunning(daemon));
            int during = load.ok.get();
            Await.until("served with no daemon", 10_000, () -> load.ok.get() > during + 50);
            assertEquals(pids, d.pids(), "same workers, adopted"); // list starts a new daemon
            d.ok("scale", "a", "3");
            d.ok("restart", "a");
            d.awaitReady(3);
            int before = load.ok.get();
            Await.until("more load", 10_000, () -> load.ok.get() > before + 50);
            load.close();
            assertTrue(load.failures.stream().noneMatch(f -> f.contains("ConnectException")), load.failures.toString());
        }
        for (long pid : d.pids()) {
            assertFalse(pids.contains(pid), "restarted");
            assertEquals(inode, inode(pid), "later workers share the first socket");
        }
    }

    private void start(String name, int instances) throws Exception {
        Path script = d.write("fd3.py", FD3);
        d.ok(
                "start",
                script.toString(),
                "--name",
                name,
                "-i",
                Integer.toString(instances),
                "--cluster",
                "--port",
                Integer.toString(port),
                "--listen-mode",
                "socket",
                "--wait-ready",
                "--ready-line",
                "ready");
        d.awaitReady(instances);
    }

    /** The inode of the socket at fd 3 of a process. */
    private static long inode(long pid) throws IOException {
        String link = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "3"))
                .toString();
        assertTrue(link.startsWith("socket:["), link);
        return Long.parseLong(link.substring(8, link.length() - 1));
    }
}
