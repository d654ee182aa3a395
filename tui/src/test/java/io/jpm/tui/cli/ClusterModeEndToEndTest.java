package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cluster mode through the CLI: real daemon, real python and node workers, real HTTP on the public port. */
class ClusterModeEndToEndTest extends DaemonTest {
    /** A python HTTP server on $PORT that answers with its instance and pid. */
    static final String IDENT = """
            import http.server, os
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("instance=%s pid=%d\\n" % (os.environ["JPM_INSTANCE"], os.getpid())).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), H)
            print("listening on", os.environ["PORT"], flush=True)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
            """;

    int port;

    @BeforeEach
    void settings() throws Exception {
        port = HttpLoad.freePort();
    }

    @Test
    void pythonHttpServerServesThePublicPortFromAllThreeWorkers() throws Exception {
        d.ok(
                "start",
                "python3 -m http.server",
                "--name",
                "py",
                "-i",
                "3",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--",
                "$PORT",
                "--bind",
                "127.0.0.1");
        d.awaitReady(3);
        Set<Integer> privatePorts = new HashSet<>();
        for (JsonNode w : d.list()) {
            assertEquals("cluster", w.path("mode").asText());
            privatePorts.add(w.path("port").asInt());
        }
        assertEquals(3, privatePorts.size(), "each worker has its own private port");
        assertFalse(privatePorts.contains(port));
        for (int i = 0; i < 30; i++) assertTrue(HttpLoad.get(port).contains("Directory listing"));
        for (JsonNode w : d.list()) {
            assertTrue(w.path("conns").path("total").asLong() >= 5, "every worker served: " + w);
            assertTrue(w.path("conns").path("bytesOut").asLong() > 0, w.toString());
        }
    }

    @Test
    void eachWorkerGetsItsInstanceAndRoundRobinReachesAll() throws Exception {
        startIdent("id", 3);
        Set<String> instances = new TreeSet<>();
        for (int i = 0; i < 30; i++) instances.add(instanceOf(HttpLoad.get(port)));
        assertEquals(Set.of("0", "1", "2"), instances);
        JsonNode described = d.ok("describe", "id", "--json").json();
        assertEquals(port, described.get(0).path("config").path("port").asInt());
        assertTrue(described.get(0).has("conns"));
    }

    @Test
    void aSigkilledWorkerUnderLoadCostsNoRequest() throws Exception {
        startIdent("k", 3);
        long victim = d.list().get(1).path("pid").asLong();
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
            // a request the killed process was serving dies with it (a reset, or an empty answer); no client is refused
            List<String> failures = List.copyOf(load.failures);
            assertTrue(failures.size() <= 4, "at most the requests in flight on the victim: " + failures);
            for (String f : failures) {
                assertFalse(f.contains("ConnectException") || f.contains("refused"), "refused: " + failures);
            }
        }
        Set<String> instances = new TreeSet<>();
        for (int i = 0; i < 30; i++) instances.add(instanceOf(HttpLoad.get(port)));
        assertEquals(Set.of("0", "1", "2"), instances, "the replacement joined the rotation");
    }

    @Test
    void aRollingReloadUnderLoadLosesNoRequest() throws Exception {
        startIdent("r", 2);
        List<Long> before = d.pids();
        try (HttpLoad load = HttpLoad.start(port, 4)) {
            Await.until("load running", 10_000, () -> load.ok.get() > 50);
            d.ok("reload", "r");
            int after = load.ok.get();
            Await.until("more load", 10_000, () -> load.ok.get() > after + 50);
            load.close();
            assertEquals(List.of(), load.failures, "no request lost during the reload");
        }
        List<Long> now = d.pids();
        for (long pid : before) assertFalse(now.contains(pid), "every process was replaced: " + before + " " + now);
        for (long pid : before) assertTrue(!ProcessState.isRunning(pid));
        assertEquals(
                2,
                d.list().findValues("ready").stream()
                        .filter(JsonNode::asBoolean)
                        .count());
        Set<String> served = new TreeSet<>();
        for (int i = 0; i < 20; i++) served.add(HttpLoad.get(port));
        assertEquals(2, served.size(), "both new processes serve: " + served);
    }

    @Test
    void aReloadWhoseNewProcessNeverListensFailsAndKeepsTheOldOne() throws Exception {
        Path script = d.write(
                "sulky.py",
                "import os, sys, time\n"
                        + "if os.path.exists(os.environ['FLAG']):\n    time.sleep(600)\n    sys.exit(0)\n" + IDENT);
        Path flag = tmp.resolve("no-listen");
        d.env.put("FLAG", flag.toString());
        d.ok(
                "start",
                script.toString(),
                "--name",
                "sulky",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--listen-timeout",
                "1500");
        d.awaitReady(1);
        long old = d.pids().get(0);
        Files.writeString(flag, "");
        TestDaemon.Result r = d.jpm("reload", "sulky");
        assertNotEquals(0, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not ready within listen_timeout"), r.err());
        assertEquals(List.of(old), d.pids(), "the old process is still the worker's");
        assertTrue(HttpLoad.get(port).contains("pid=" + old));
        Await.until("the new process is gone", 10_000, () -> d.workerProcesses().size() == 1);
    }

    @Test
    void scaleUpJoinsWhenReadyAndScaleDownDrainsFirst() throws Exception {
        startIdent("s", 2);
        try (HttpLoad load = HttpLoad.start(port, 4)) {
            d.ok("scale", "s", "+1");
            d.awaitReady(3);
            Await.until("the new instance serves", 10_000, () -> load.bodies.stream()
                    .anyMatch(b -> b.startsWith("instance=2 ")));
            d.ok("scale", "s", "-2");
            assertEquals(1, d.list().size());
            int after = load.ok.get();
            Await.until("more load", 10_000, () -> load.ok.get() > after + 50);
            load.close();
            assertEquals(List.of(), load.failures, "no request lost while scaling");
        }
        assertEquals("0", instanceOf(HttpLoad.get(port)));
        assertEquals("0", instanceOf(HttpLoad.get(port)));
        assertEquals(1, d.workerProcesses().size());
    }

    @Test
    void withWaitReadyAWorkerGetsNoTrafficUntilItPrintsItsReadyLine() throws Exception {
        Path slow = d.write(
                "slow.py",
                "import time\n"
                        + IDENT.replace("print(\"listening on\"", "time.sleep(0)\nprint(\"listening on\"")
                                .replace(
                                        "try:\n    server.serve_forever()",
                                        "import threading\nthreading.Timer(4, lambda: print(\"READY now\", flush=True)).start()\n"
                                                + "try:\n    server.serve_forever()"));
        d.ok(
                "start",
                slow.toString(),
                "--name",
                "slow",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--wait-ready",
                "--ready-line",
                "READY now",
                "--listen-timeout",
                "20000");
        Await.until("private port listening", 10_000, () -> {
            int p = d.list().get(0).path("port").asInt();
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 500);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertFalse(d.list().get(0).path("ready").asBoolean(), "listening is not enough with wait_ready");
        assertThrows(java.io.IOException.class, () -> HttpLoad.get(port), "no ready worker, no answer");
        d.awaitReady(1);
        assertEquals("0", instanceOf(HttpLoad.get(port)));
        assertEquals(
                "READY now",
                d.ok("describe", "slow", "--json")
                        .json()
                        .get(0)
                        .path("config")
                        .path("ready_line")
                        .asText());
    }

    @Test
    void nodeHttpWorkersServeThePublicPortWithLeastConnections() throws Exception {
        Path web = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/web.js");
        assertTrue(Files.exists(web), web.toString());
        d.ok(
                "start",
                web.toString(),
                "--name",
                "web",
                "-i",
                "2",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--balance",
                "least-connections");
        d.awaitReady(2);
        assertEquals(
                "least-connections",
                d.ok("describe", "web", "--json")
                        .json()
                        .get(0)
                        .path("config")
                        .path("balance")
                        .asText());
        Set<String> served = new TreeSet<>();
        for (int i = 0; i < 20; i++)
            served.add(HttpLoad.get(port).replaceAll(" \\(pid.*", "").trim());
        assertEquals(Set.of("hello from instance 0", "hello from instance 1"), served);
    }

    @Test
    void aBusyPublicPortIsAOneLineErrorAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(port));
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
                    "--",
                    "300");
            assertNotEquals(0, r.code());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(Integer.toString(port)), r.err());
            assertEquals(0, d.list().size());
            assertEquals(List.of(), d.workerProcesses());
        }
    }

    @Test
    void stopFreesThePublicPortAndRestartTakesItBack() throws Exception {
        startIdent("p", 1);
        d.ok("stop", "p");
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port)); // the balancer let go of it
        }
        d.ok("restart", "p");
        d.awaitReady(1);
        assertEquals("0", instanceOf(HttpLoad.get(port)));
        d.ok("delete", "p");
        Await.until("port free after delete", 10_000, () -> {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(port));
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @Test
    void aNewDaemonReopensThePublicPortForAdoptedWorkers() throws Exception {
        startIdent("a", 2);
        List<Long> pids = d.pids();
        long daemon = d.daemonPid();
        ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
        Await.until("daemon gone", 10_000, () -> !ProcessState.isRunning(daemon));
        assertEquals(pids, d.pids(), "same workers, adopted"); // list starts a new daemon
        d.awaitReady(2);
        Set<String> served = new TreeSet<>();
        for (int i = 0; i < 20; i++) served.add(HttpLoad.get(port));
        assertEquals(2, served.size(), served.toString());
        for (long pid : pids) assertTrue(served.stream().anyMatch(b -> b.contains("pid=" + pid)), served.toString());
    }

    private void startIdent(String name, int instances) throws Exception {
        Path script = d.write("ident.py", IDENT);
        d.ok(
                "start",
                script.toString(),
                "--name",
                name,
                "-i",
                Integer.toString(instances),
                "--cluster",
                "--port",
                Integer.toString(port));
        d.awaitReady(instances);
    }

    private static String instanceOf(String body) {
        return body.substring(body.indexOf('=') + 1, body.indexOf(' '));
    }
}
