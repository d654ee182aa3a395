package io.jpm.engine.supervise;

import static io.jpm.engine.supervise.SupervisorTest.call;
import static io.jpm.engine.supervise.SupervisorTest.check;
import static io.jpm.engine.supervise.SupervisorTest.worker;
import static io.jpm.engine.supervise.SupervisorTest.workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.config.DaemonEnvironment;
import io.jpm.engine.config.ExecutableLookup;
import io.jpm.engine.logs.RecordingDaemonLog;
import io.jpm.engine.logs.RecordingPublisher;
import io.jpm.engine.process.Posix;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Request;
import io.jpm.testing.Await;
import io.jpm.testing.LeftoverProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node's IPC channel with real node workers on a real supervisor: {@code process.send('ready')}, the shutdown
 * message, messages the daemon ignores, and node's cluster mode without a port with the daemon as the primary,
 * under load through kill -9 and rolling reloads. Skipped when node is not on the PATH.
 */
class NodeIpcTest {
    @TempDir
    Path tmp;

    final RecordingDaemonLog log = new RecordingDaemonLog();
    final List<Supervisor> started = new ArrayList<>();
    final List<ActorExecutor> actors = new ArrayList<>();

    @BeforeEach
    void needsNode() {
        Assumptions.assumeTrue(
                ExecutableLookup.onPath().find("node", System.getenv()).isPresent(), "node is not on the PATH");
    }

    JpmHome home() throws Exception {
        return JpmHome.at(tmp.resolve("home")).ensureCreated();
    }

    Supervisor supervisor() throws Exception {
        return supervisor(DaemonEnvironment.NONE);
    }

    Supervisor supervisor(DaemonEnvironment environment) throws Exception {
        ActorExecutor actor = new ActorExecutor("test-supervisor", log);
        actors.add(actor);
        Supervisor s = new Supervisor(
                home(),
                log,
                actor,
                System::nanoTime,
                System::currentTimeMillis,
                new RecordingPublisher(),
                SupervisorTest.daemon(),
                environment);
        started.add(s);
        return s;
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Supervisor s : started) s.shutdown().get(30, TimeUnit.SECONDS);
        for (ActorExecutor a : actors) a.shutdownNow();
        List<Long> left = LeftoverProcesses.kill(LeftoverProcesses.withEnvironment(
                WorkerLauncher.MARKER + "=" + WorkerLauncher.homeTag(home()) + ":", ProcessState::isRunning));
        assertEquals(List.of(), left, "worker processes left behind");
    }

    Path script(String name, String js) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, js);
        return p;
    }

    static Request.Start start(Map<String, Object> app) throws Exception {
        return new Request.Start(List.of(Json.MAPPER.valueToTree(app)), Map.of(), "/", null, null, null);
    }

    @Test
    void processSendReadyMakesAWaitReadyWorkerReadyAndNotBefore() throws Exception {
        Path js = script("ready.js", "setTimeout(() => process.send('ready'), 1000); setInterval(() => {}, 1e6);");
        Supervisor s = supervisor();
        long t0 = System.nanoTime();
        call(s, start(Map.of("name", "r", "script", js.toString(), "wait_ready", true)));
        assertFalse(worker(s, 0).path("ready").asBoolean(), "ready before the message");
        Await.until("ready", () -> check(() -> worker(s, 0).path("ready").asBoolean()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 900, "ready after " + ms + " ms, before the app sent it");
        assertEquals("online", worker(s, 0).path("status").asText());
    }

    @Test
    void processSendReadyAdmitsAClusterWorkerBehindTheBalancer() throws Exception {
        Path js = script(
                "balanced.js",
                "require('http').createServer((q, r) => r.end('ok')).listen(+process.env.PORT, '127.0.0.1');\n"
                        + "setTimeout(() => process.send('ready'), 1000);\n");
        Supervisor s = supervisor();
        long t0 = System.nanoTime();
        call(
                s,
                start(Map.of(
                        "name",
                        "b",
                        "script",
                        js.toString(),
                        "exec_mode",
                        "cluster",
                        "port",
                        0,
                        "wait_ready",
                        true,
                        "listen_timeout",
                        20000)));
        Thread.sleep(500); // listening by now, but not ready: it has not said so
        assertFalse(worker(s, 0).path("ready").asBoolean(), "ready before the message");
        Await.until("ready", () -> check(() -> worker(s, 0).path("ready").asBoolean()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 900, "ready after " + ms + " ms, before the app sent it");
    }

    @Test
    void anyOtherMessageIsIgnoredAndCostsTheDaemonNothing() throws Exception {
        Path js = script("chatty.js", """
                if (typeof process.send !== 'function') throw new Error('no IPC channel');
                for (let i = 0; i < 20000; i++) process.send({ n: i, cmd: i % 2 ? 'NODE_CLUSTER' : 'x' });
                process.send('x'.repeat(10 * 1024 * 1024));
                process.send([1, 'ready', null]);
                process.send({ cmd: 'NODE_CLUSTER', act: 'queryServer' });
                setTimeout(() => process.send('ready'), 1500);
                setInterval(() => {}, 1e6);
                """);
        Supervisor s = supervisor();
        call(s, start(Map.of("name", "chatty", "script", js.toString(), "wait_ready", true)));
        Await.until("ready", () -> check(() -> worker(s, 0).path("ready").asBoolean()));
        JsonNode w = worker(s, 0);
        assertEquals("online", w.path("status").asText());
        assertEquals(0, w.path("restarts").asInt());
        assertTrue(
                log.warnings().stream().anyMatch(m -> m.contains("longer than")),
                "the 10 MB message is logged: " + log.warnings());
    }

    @Test
    void shutdownWithMessageStopsTheAppWithItsMessageNotTheSignal() throws Exception {
        Path marker = tmp.resolve("got-shutdown");
        Path js = script(
                "graceful.js",
                "process.on('SIGINT', () => {});\n" // the signal would be ignored until SIGKILL
                        + "process.on('message', m => { if (m === 'shutdown') {"
                        + " require('fs').writeFileSync(" + Json.MAPPER.writeValueAsString(marker.toString())
                        + ", 'yes'); process.exit(0); } });\n"
                        + "setInterval(() => {}, 1e6);\n");
        Supervisor s = supervisor();
        call(
                s,
                start(Map.of(
                        "name", "g", "script", js.toString(), "shutdown_with_message", true, "kill_timeout", 20000)));
        Await.until("online", () -> check(() -> worker(s, 0).path("pid").asLong() > 0));
        Thread.sleep(300); // node has registered its handlers
        long t0 = System.nanoTime();
        call(s, new Request.Stop("g"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(Files.exists(marker), "the app got 'shutdown'");
        assertTrue(ms < 10_000, "stopped by its message, not after kill_timeout: " + ms + " ms");
        assertEquals("stopped", worker(s, 0).path("status").asText());
    }

    @Test
    void pm2KillUseMessageInTheDaemonsEnvironmentStopsEveryNodeAppByItsMessage() throws Exception {
        Path marker = tmp.resolve("got-shutdown");
        Path js = script(
                "plain.js",
                "process.on('SIGINT', () => {});\n" // the signal would be ignored until SIGKILL
                        + "process.on('message', m => { if (m === 'shutdown') {"
                        + " require('fs').writeFileSync(" + Json.MAPPER.writeValueAsString(marker.toString())
                        + ", 'yes'); process.exit(0); } });\n"
                        + "setInterval(() => {}, 1e6);\n");
        Supervisor s = supervisor(DaemonEnvironment.of(Map.of("PM2_KILL_USE_MESSAGE", "true")));
        // no shutdown_with_message: the daemon's environment asks for it, as PM2's constant does
        call(s, start(Map.of("name", "p", "script", js.toString(), "kill_timeout", 20000)));
        call(s, start(Map.of("name", "sh", "script", "sh", "args", List.of("-c", "exec sleep 30"))));
        Await.until("online", () -> check(() -> worker(s, 0).path("pid").asLong() > 0));
        Thread.sleep(300); // node has registered its handlers
        long t0 = System.nanoTime();
        call(s, new Request.Stop("p"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(Files.exists(marker), "the app got 'shutdown'");
        assertTrue(ms < 10_000, "stopped by its message, not after kill_timeout: " + ms + " ms");
        long t1 = System.nanoTime();
        call(s, new Request.Stop("sh"));
        long shMs = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(shMs < 1_500, "an app without node's channel gets its signal: stopped in " + shMs + " ms");
    }

    @Test
    void aStopOrAReloadSignalsANodeWorkerOnce() throws Exception {
        // node runs a signal handler once per delivery: a second SIGINT (the group's, then the process's own) logs
        // twice
        Path lines = tmp.resolve("sigints");
        Path js = script(
                "counts.js",
                "process.on('SIGINT', () => { require('fs').appendFileSync("
                        + Json.MAPPER.writeValueAsString(lines.toString())
                        + ", process.pid + '\\n'); setTimeout(() => process.exit(0), 300); });\n"
                        + "setInterval(() => {}, 1e6);\n");
        Supervisor s = supervisor();
        call(s, start(Map.of("name", "c", "script", js.toString(), "instances", 2, "exec_mode", "cluster")));
        Await.until(
                "online",
                () -> check(() -> workers(s).size() == 2
                        && worker(s, 0).path("pid").asLong() > 0
                        && worker(s, 1).path("pid").asLong() > 0));
        Thread.sleep(300); // node has registered its handlers
        call(s, new Request.Reload("c", false, Map.of()));
        call(s, new Request.Stop("c"));
        List<String> got = Files.readAllLines(lines);
        assertEquals(4, got.size(), "one SIGINT per process, two reloaded and two stopped: " + got);
        assertEquals(4, new HashSet<>(got).size(), "no process got two: " + got);
    }

    @Test
    void aWorkerThatClosesItsChannelKeepsRunningAndANonNodeOneGetsNone() throws Exception {
        Path js = script("alone.js", "process.disconnect(); setInterval(() => {}, 1e6);");
        Supervisor s = supervisor();
        call(s, start(Map.of("name", "alone", "script", js.toString())));
        call(s, start(Map.of("name", "sh", "script", "sh", "args", List.of("-c", "exec sleep 30"))));
        Await.until(
                "both online",
                () -> check(() -> workers(s).size() == 2
                        && workers(s).get(0).path("pid").asLong() > 0
                        && workers(s).get(1).path("pid").asLong() > 0));
        Thread.sleep(1500);
        JsonNode node = worker(s, 0);
        assertEquals("online", node.path("status").asText());
        assertEquals(0, node.path("restarts").asInt());
        assertEquals("3", Posix.environment(node.path("pid").asLong()).get("NODE_CHANNEL_FD"));
        assertFalse(Posix.environment(worker(s, 1).path("pid").asLong()).containsKey("NODE_CHANNEL_FD"));
    }

    // ---- node's cluster mode without a port -------------------------------------------------------------------

    static final String SERVER = "const port = +process.argv[2];\n"
            + "require('http').createServer((q, r) => r.end(String(process.pid))).listen(port);\n";

    Supervisor cluster(int port, int instances) throws Exception {
        Path js = script("server.js", SERVER);
        Supervisor s = supervisor();
        call(
                s,
                start(Map.of(
                        "name",
                        "web",
                        "script",
                        js.toString(),
                        "args",
                        List.of(Integer.toString(port)),
                        "exec_mode",
                        "cluster",
                        "instances",
                        instances)));
        Await.until(
                "every instance listening",
                () -> check(() -> {
                    JsonNode all = workers(s);
                    for (JsonNode w : all) if (!w.path("ready").asBoolean()) return false;
                    return all.size() == instances;
                }));
        return s;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One HTTP/1.0 request on a new connection: the body (the serving pid). */
    static String get(int port) throws IOException {
        try (Socket c = new Socket()) {
            c.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            c.setSoTimeout(5000);
            OutputStream out = c.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = c.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int body = response.indexOf("\r\n\r\n");
            return body < 0 ? "" : response.substring(body + 4);
        }
    }

    @Test
    void clusterWithoutAPortServesFromEveryInstanceOnOneSocket() throws Exception {
        int port = freePort();
        Supervisor s = cluster(port, 3);
        Set<Long> pids = new HashSet<>();
        for (JsonNode w : workers(s)) pids.add(w.path("pid").asLong());
        Set<Long> served = new HashSet<>();
        for (int i = 0; i < 200 && served.size() < 3; i++)
            served.add(Long.parseLong(get(port).trim()));
        assertTrue(pids.containsAll(served), "served by " + served + ", workers " + pids);
        assertTrue(served.size() >= 2, "served by one instance only: " + served);
        assertFalse(
                log.warnings().stream().anyMatch(m -> m.contains("EADDRINUSE")),
                log.warnings().toString());
    }

    @Test
    void aUnixSocketIsSharedTooAndScalingAddsAnInstanceOnTheSameSocket() throws Exception {
        Path sock = tmp.resolve("web.sock");
        Path js = script(
                "unix.js",
                "require('http').createServer((q, r) => r.end(String(process.pid))).listen("
                        + Json.MAPPER.writeValueAsString(sock.toString()) + ");\n");
        Supervisor s = supervisor();
        call(s, start(Map.of("name", "u", "script", js.toString(), "exec_mode", "cluster", "instances", 1)));
        Await.until("listening", () -> check(() -> worker(s, 0).path("ready").asBoolean()));
        call(s, new Request.Scale("u", "+1"));
        Await.until(
                "two instances listening",
                () -> check(() -> workers(s).size() == 2
                        && workers(s).get(1).path("ready").asBoolean()));
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 200 && served.size() < 2; i++) served.add(getUnix(sock));
        assertEquals(2, served.size(), "served by " + served);
        call(s, new Request.Delete("u"));
        Await.until("the socket file removed with the app", () -> !Files.exists(sock));
    }

    static String getUnix(Path sock) throws IOException {
        try (java.nio.channels.SocketChannel c =
                java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock))) {
            c.write(java.nio.ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            String response =
                    new String(java.nio.channels.Channels.newInputStream(c).readAllBytes(), StandardCharsets.US_ASCII);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** Requests on new connections from a few threads until stopped, counting refused ones. */
    static final class Load implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Set<String> errors = ConcurrentHashMap.newKeySet();
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> threads = new ArrayList<>();

        Load(int port, int clients) {
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(
                        () -> {
                            while (!stop.get()) {
                                try {
                                    if (get(port).isEmpty()) failed.incrementAndGet();
                                    else ok.incrementAndGet();
                                } catch (ConnectException e) {
                                    refused.incrementAndGet();
                                } catch (IOException e) {
                                    failed.incrementAndGet();
                                    errors.add(e.toString());
                                }
                            }
                        },
                        "test-load-" + i);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) t.join(10_000);
        }
    }

    @Test
    void killingOneInstanceUnderLoadRefusesNoConnection() throws Exception {
        int port = freePort();
        Supervisor s = cluster(port, 3);
        long victim = worker(s, 1).path("pid").asLong();
        Load load = new Load(port, 4);
        try (load) {
            Await.until("traffic", () -> load.ok.get() > 50);
            Posix.kill(victim, 9);
            Await.until(
                    "a new process for the killed one",
                    () -> check(() -> {
                        JsonNode w = worker(s, 1);
                        return w.path("pid").asLong() != victim
                                && w.path("ready").asBoolean();
                    }));
            int before = load.ok.get();
            Await.until("traffic after", () -> load.ok.get() > before + 50);
        }
        assertEquals(0, load.refused.get(), "refused connections; " + load.ok.get() + " served");
    }

    @Test
    void twoRollingReloadsUnderLoadRefuseNoConnection() throws Exception {
        int port = freePort();
        Supervisor s = cluster(port, 2);
        Set<Long> first = new HashSet<>();
        for (JsonNode w : workers(s)) first.add(w.path("pid").asLong());
        Load load = new Load(port, 4);
        try (load) {
            Await.until("traffic", () -> load.ok.get() > 50);
            call(s, new Request.Reload("web", false, Map.of()));
            call(s, new Request.Reload("web", false, Map.of()));
            int before = load.ok.get();
            Await.until("traffic after", Duration.ofSeconds(20), () -> load.ok.get() > before + 50);
        }
        Set<Long> now = new HashSet<>();
        for (JsonNode w : workers(s)) now.add(w.path("pid").asLong());
        assertTrue(now.stream().noneMatch(first::contains), "every process replaced: " + first + " -> " + now);
        assertEquals(0, load.refused.get(), "refused connections; " + load.ok.get() + " served");
    }
}
