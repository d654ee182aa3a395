package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hosts in network namespaces, each with its own daemon and JPM_HOME, listening on its namespace's address
 * only, and a console (this JVM, in the root namespace) that reaches them with {@code --host} and {@code --hosts}.
 * The tests run in order: the later ones take hosts away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetEndToEndTest {
    private static final String[] NAMES = {"a", "b", "c"};

    Path tmp;

    TestNetwork net;
    final Map<String, TestDaemon> hosts = new HashMap<>();
    final Map<String, TestNetwork.Host> where = new HashMap<>();
    final List<Process> launched = new ArrayList<>();
    TestDaemon console;

    @BeforeAll
    void threeHosts(@TempDir Path dir) throws Exception {
        tmp = dir;
        try {
            net = TestNetwork.create(NAMES.length);
        } catch (IOException e) {
            Assumptions.abort(
                    "network namespaces cannot be created here, so the fleet tests are skipped: " + e.getMessage());
        }
        console = new TestDaemon(Files.createDirectories(tmp.resolve("console")));
        String consoleKey = console.ok("keys", "show").out().strip();
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            TestNetwork.Host h = net.hosts().get(i);
            TestDaemon d = new TestDaemon(Files.createDirectories(tmp.resolve(name)));
            hosts.put(name, d);
            where.put(name, h);
            startDaemonInside(d, h);
            d.ok("remote", "enable", "--listen", h.address() + ":7070");
            d.ok("keys", "add", "console", consoleKey);
            d.ok("start", "--name", "web", "sleep", "--", "1000");
            d.ok("save"); // a host brought back after jpm kill restores this with resurrect, as PM2's
            String serverKey = serverKey(d);
            console.ok("hosts", "add", name, "tcp://" + h.address() + ":7070", serverKey);
        }
    }

    /** Starts {@code d}'s daemon inside {@code h}'s namespace, as the CLI would start it (detached). */
    void startDaemonInside(TestDaemon d, TestNetwork.Host h) throws Exception {
        d.home.ensureCreated();
        ProcessBuilder pb = new ProcessBuilder(TestNetwork.inside(h, "setsid", System.getProperty("jpm.daemon")));
        pb.environment().put("JPM_HOME", d.home.root().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(d.home.daemonLog().toFile()));
        pb.redirectErrorStream(true);
        launched.add(pb.start());
        Await.until(
                "the daemon in " + h.netns(),
                30_000,
                () -> DaemonInfo.read(d.home).isPresent() && Files.exists(d.home.controlSocket()));
        assertTrue(d.ok("ping").out().startsWith("pong"));
    }

    static String serverKey(TestDaemon d) {
        for (String line : d.ok("remote", "status").out().split("\n")) {
            if (line.strip().startsWith("server key ")) return line.strip().substring("server key ".length());
        }
        throw new AssertionError("no server key in jpm remote status");
    }

    @AfterAll
    void tearDown() {
        try {
            for (TestDaemon d : hosts.values()) d.close();
            for (Process p : launched) p.destroyForcibly();
        } finally {
            if (net != null) net.close();
        }
    }

    Map<String, JsonNode> webByHost(TestDaemon.Result r) {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode w : r.json())
            if (w.path("name").asText().equals("web")) rows.put(w.path("host").asText(), w);
        return rows;
    }

    @Test
    @Order(1)
    void listOverAllHostsShowsEveryHostsApps() {
        Map<String, JsonNode> web = webByHost(console.ok("list", "--hosts", "all", "--json"));
        assertEquals(3, web.size(), web.toString());
        for (String name : NAMES)
            assertEquals("online", web.get(name).path("status").asText());
        String table = console.ok("list", "--hosts", "a,c").out();
        assertTrue(table.startsWith("host"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("a ") && l.contains("web")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("c ") && l.contains("web")), table);
        assertFalse(table.lines().anyMatch(l -> l.startsWith("b ")), table);
    }

    @Test
    @Order(2)
    void aRestartThroughOneHostRestartsOnlyThatHostsWorker() throws Exception {
        Map<String, JsonNode> before = webByHost(console.ok("list", "--hosts", "all", "--json"));
        console.ok("--host", "b", "restart", "web");
        Map<String, JsonNode> after = webByHost(console.ok("list", "--hosts", "all", "--json"));
        assertNotEquals(
                before.get("b").path("pid").asLong(), after.get("b").path("pid").asLong());
        assertEquals(1, after.get("b").path("restarts").asInt());
        for (String name : List.of("a", "c")) {
            assertEquals(
                    before.get(name).path("pid").asLong(),
                    after.get(name).path("pid").asLong(),
                    name);
            assertEquals(0, after.get(name).path("restarts").asInt(), name);
        }
        assertTrue(
                Files.readString(hosts.get("b").home.daemonLog()).contains("remote command restart from key console"));
        assertFalse(Files.readString(hosts.get("a").home.daemonLog()).contains("remote command restart"));
    }

    @Test
    @Order(3)
    void aClientWhoseKeyWasNeverAddedGetsNothingNotEvenAppNames() throws Exception {
        TestDaemon stranger = new TestDaemon(Files.createDirectories(tmp.resolve("stranger")));
        stranger.home.ensureCreated();
        Files.copy(console.home.hostsFile(), stranger.home.hostsFile());
        TestDaemon.Result r = stranger.jpm("list", "--hosts", "all", "--timeout", "1500");
        assertEquals(1, r.code());
        assertFalse(r.out().contains("web"), r.out());
        assertEquals(3, r.err().lines().filter(l -> l.contains("no answer")).count(), r.err());
        TestDaemon.Result one = stranger.jpm("--host", "a", "describe", "web");
        assertEquals(1, one.code());
        assertFalse(one.out().contains("web"), one.out());
        assertTrue(Files.readString(hosts.get("a").home.daemonLog()).contains("refused a CURVE client"));
    }

    @Test
    @Order(4)
    void jpmTopOverAllHostsMarksAHostThatGoesAwayAndReconnects() throws Exception {
        Assumptions.assumeTrue(TmuxConsole.available(), "tmux is not installed");
        try (TmuxConsole tmux = new TmuxConsole()) {
            tmux.start(console, 120, 40, "--hosts", "all");
            tmux.awaitScreen(
                    "every host's web worker, all hosts connected",
                    30_000,
                    s -> s.contains("3/3 hosts")
                            && List.of(NAMES).stream()
                                    .allMatch(h -> s.lines().anyMatch(l -> l.matches(h + "\\s+\\d+ web .*online.*"))));
            TestDaemon b = hosts.get("b");
            long pid = b.daemonPid();
            b.ok("kill");
            Await.until("b's daemon gone", 30_000, () -> !ProcessState.isRunning(pid));
            tmux.awaitScreen(
                    "b marked disconnected, a and c still online",
                    30_000,
                    s -> s.contains("2/3 hosts, down: b")
                            && s.lines().anyMatch(l -> l.matches("b\\s+\\d+ web .*host-down.*"))
                            && s.lines().anyMatch(l -> l.matches("a\\s+\\d+ web .*online.*"))
                            && s.lines().anyMatch(l -> l.matches("c\\s+\\d+ web .*online.*")));
            startDaemonInside(b, where.get("b"));
            b.ok("resurrect");
            tmux.awaitScreen(
                    "b reconnected by itself",
                    30_000,
                    s -> s.contains("3/3 hosts") && s.lines().anyMatch(l -> l.matches("b\\s+\\d+ web .*online.*")));
        }
    }

    @Test
    @Order(5)
    void aHostThatIsDownIsOneLineAndTheOthersStillPrint() throws Exception {
        TestDaemon c = hosts.get("c");
        long pid = c.daemonPid();
        c.ok("kill");
        Await.until("c's daemon gone", 30_000, () -> !ProcessState.isRunning(pid));
        TestDaemon.Result r = console.jpm("list", "--hosts", "all", "--timeout", "1500");
        assertEquals(1, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("a ") && l.contains("web")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("b ") && l.contains("web")), r.out());
        assertEquals(
                List.of("jpm: host c: no answer from tcp://" + where.get("c").address() + ":7070 within 1500 ms"),
                r.err().lines().toList());

        startDaemonInside(c, where.get("c")); // remote.json brings remote access back
        assertEquals(0, console.jpm("list", "--hosts", "c").code());
    }

    @Test
    @Order(6)
    void aRevokedKeyGetsNoReply() throws Exception {
        hosts.get("a").ok("keys", "revoke", "console");
        TestDaemon.Result r = console.jpm("list", "--hosts", "all", "--json", "--timeout", "1500");
        assertEquals(1, r.code());
        // c's daemon was killed before (jpm kill: it came back empty, as PM2's), so only b still runs web
        assertEquals(List.of("b"), webByHost(r).keySet().stream().sorted().toList());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("host a: no answer"), r.err());
    }

    @Test
    @Order(7)
    void metricsListenServesOtherHostsAndPortAloneOnlyLoopback() throws Exception {
        TestDaemon a = hosts.get("a");
        String address = where.get("a").address();
        String out = a.ok("metrics", "--listen", address + ":9209").out();
        assertEquals("prometheus metrics on http://" + address + ":9209/metrics", out.strip());
        URI uri = URI.create("http://" + address + ":9209/metrics");
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpRequest get =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
            String[] body = {""};
            Await.until("web's metrics from outside the namespace", 10_000, () -> {
                try {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    body[0] = r.statusCode() + " " + r.body();
                    return r.statusCode() == 200 && r.body().contains("app=\"web\"");
                } catch (IOException e) {
                    body[0] = e.toString();
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertTrue(Files.readString(a.home.daemonLog()).contains("not loopback only"));

            a.ok("metrics", "--port", "9209"); // back to loopback: this namespace's outside cannot reach it
            assertThrows(IOException.class, () -> http.send(get, HttpResponse.BodyHandlers.ofString()));
        }
        a.ok("metrics", "--port", "0");
    }
}
