package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Liveness and readiness probes on real python HTTP servers, with short periods. */
class HealthEndToEndTest extends DaemonTest {
    /**
     * An HTTP server on PORT whose {@code /health} answers 503 while the file {@code argv[1] + JPM_INSTANCE} exists,
     * and 200 otherwise; with {@code argv[2] == "hang"} it deletes the file and hangs instead (alive, not answering).
     */
    static final String SERVER = """
            import http.server, os, sys, time
            flag = sys.argv[1] + os.environ.get("JPM_INSTANCE", "0")
            hang = len(sys.argv) > 2 and sys.argv[2] == "hang"
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    code = 200
                    if self.path == "/health" and os.path.exists(flag):
                        if hang:
                            os.remove(flag)
                            time.sleep(3600)
                        code = 503
                    body = ("instance=%s pid=%d\\n" % (os.environ.get("JPM_INSTANCE"), os.getpid())).encode()
                    self.send_response(code)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            kind = http.server.HTTPServer if hang else http.server.ThreadingHTTPServer
            server = kind(("127.0.0.1", int(os.environ["PORT"])), H)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                pass
            """;

    @Test
    void aFailingLivenessProbeRestartsThroughThePolicyUntilErrored() throws Exception {
        Path script = d.write("server.py", SERVER);
        Path flag = d.dir.resolve("sick");
        Files.writeString(flag.resolveSibling("sick0"), "");
        Path eco = d.write("sick.json", """
                {"apps": [{"name": "sick", "script": "%s", "args": ["%s"], "port": %d, "max_restarts": 3,
                  "liveness_probe": {"http_get": {"path": "/health"}, "period_seconds": 0.2,
                                     "initial_delay_seconds": 2, "failure_threshold": 2}}]}""".formatted(script, flag, HttpLoad.freePort()));
        d.ok("start", eco.toString());
        Await.until("errored", 30_000, () -> "errored"
                .equals(d.list().get(0).path("status").asText()));
        JsonNode w = d.list().get(0);
        assertTrue(w.path("reason").asText().contains("liveness probe failed 2 times"), w.toString());
        assertEquals(2, w.path("restarts").asInt(), "3 unstable runs: restarted twice, then errored");
        JsonNode history = d.ok("describe", "sick", "--json").json().get(0).path("restartHistory");
        assertEquals(3, history.size(), history.toString());
        assertTrue(history.toString().contains("HTTP 503"), history.toString());
        assertTrue(
                history.get(0).path("outcome").asText().startsWith("restarted (liveness probe failed"),
                history.toString());
        assertTrue(
                history.get(2).path("outcome").asText().startsWith("errored (liveness probe failed"),
                history.toString());
    }

    @Test
    void aHungWorkerIsRestartedWithinFailureThresholdPeriodsPlusOne() throws Exception {
        Path script = d.write("server.py", SERVER);
        Path flag = d.dir.resolve("hang");
        long periodMs = 1000;
        int threshold = 2;
        Path eco = d.write("hang.json", """
                {"apps": [{"name": "hangs", "script": "%s", "args": ["%s", "hang"], "port": %d,
                  "liveness_probe": {"http_get": {"path": "/health"}, "period_seconds": %s,
                                     "initial_delay_seconds": 2, "timeout_seconds": 0.5,
                                     "failure_threshold": %d}}]}""".formatted(script, flag, HttpLoad.freePort(), periodMs / 1000.0, threshold));
        d.ok("start", eco.toString());
        Await.until("healthy", 15_000, () -> "healthy"
                .equals(d.list().get(0).path("health").asText()));
        long first = d.list().get(0).path("pid").asLong();
        int before = d.list().get(0).path("restarts").asInt();
        long hungAt = System.currentTimeMillis();
        Files.writeString(flag.resolveSibling("hang0"), "");
        Await.until("restarted", 15_000, () -> d.list().get(0).path("restarts").asInt() > before);
        JsonNode w = d.ok("describe", "hangs", "--json").json().get(0);
        JsonNode last = w.path("restartHistory").get(w.path("restartHistory").size() - 1);
        long restartedAt = last.path("at").asLong();
        assertTrue(
                restartedAt - hungAt <= threshold * periodMs + periodMs,
                "restarted " + (restartedAt - hungAt) + " ms after it hung");
        assertTrue(
                w.path("restartHistory").get(0).path("outcome").asText().contains("SocketTimeoutException"),
                w.toString());
        Await.until("a new process, healthy", 15_000, () -> {
            JsonNode now = d.list().get(0);
            return now.path("pid").asLong() != first
                    && "healthy".equals(now.path("health").asText());
        });
        assertEquals("online", d.list().get(0).path("status").asText());
    }

    @Test
    void aFailingReadinessProbeTakesAClusterWorkerOutOfRotationWithoutARestart() throws Exception {
        Path script = d.write("server.py", SERVER);
        Path flag = d.dir.resolve("unready");
        int port = HttpLoad.freePort();
        Path eco = d.write("ready.json", """
                {"apps": [{"name": "web", "script": "%s", "args": ["%s"], "exec_mode": "cluster", "instances": 2,
                  "port": %d,
                  "readiness_probe": {"http_get": {"path": "/health"}, "period_seconds": 0.2,
                                      "failure_threshold": 1}}]}""".formatted(script, flag, port));
        d.ok("start", eco.toString());
        Await.until("both in rotation", 15_000, () -> inRotation() == 2);
        Files.writeString(flag.resolveSibling("unready1"), "");
        Await.until("instance 1 out of rotation", 10_000, () -> inRotation() == 1);
        JsonNode one = instance(1);
        assertEquals("unhealthy", one.path("health").asText());
        assertEquals("online", one.path("status").asText());
        assertEquals(0, one.path("restarts").asInt(), "readiness never restarts");
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 20; i++) served.add(HttpLoad.get(port).substring(0, "instance=0".length()));
        assertEquals(Set.of("instance=0"), served, "the balancer sends nothing to an unready worker");
        JsonNode probes = d.ok("describe", "web", "--json").json().get(1).path("probes");
        assertTrue(probes.get(0).path("lastFailure").path("output").asText().contains("HTTP 503"), probes.toString());

        Files.delete(flag.resolveSibling("unready1"));
        Await.until("instance 1 back in rotation", 10_000, () -> inRotation() == 2);
        assertEquals("healthy", instance(1).path("health").asText());
        assertEquals(0, instance(1).path("restarts").asInt());
    }

    @Test
    void readinessInForkModeIsShownOnly() throws Exception {
        Path script = d.write("server.py", SERVER);
        Path flag = d.dir.resolve("shown");
        Files.writeString(flag.resolveSibling("shown0"), "");
        Path eco = d.write("fork.json", """
                {"apps": [{"name": "api", "script": "%s", "args": ["%s"], "port": %d,
                  "readiness_probe": {"http_get": {"path": "/health"}, "period_seconds": 0.2,
                                      "failure_threshold": 1}}]}""".formatted(script, flag, HttpLoad.freePort()));
        d.ok("start", eco.toString());
        Await.until("unhealthy", 15_000, () -> "unhealthy"
                .equals(d.list().get(0).path("health").asText()));
        JsonNode w = d.list().get(0);
        assertEquals("online", w.path("status").asText());
        assertEquals(0, w.path("restarts").asInt());
        String table = d.ok("list").out();
        assertTrue(table.lines().anyMatch(l -> l.endsWith("fail")), table);
        assertTrue(d.ok("describe", "api").out().contains("readiness: unhealthy"), "describe shows the probe");
        Files.delete(flag.resolveSibling("shown0"));
        Await.until("healthy", 15_000, () -> "healthy"
                .equals(d.list().get(0).path("health").asText()));
    }

    @Test
    void theStartFlagsSetAnHttpProbeWithKubernetesDefaults() throws Exception {
        d.ok("start", "sleep", "--name", "s", "--liveness-http", "/live", "--readiness-http", "/ready", "--", "300");
        JsonNode config = d.ok("describe", "s", "--json").json().get(0).path("config");
        assertEquals(
                "GET http://127.0.0.1:$PORT/live, every 10s, timeout 1s, delay 0s, 1 to pass, 3 to fail",
                config.path("liveness_probe").asText());
        assertTrue(config.path("readiness_probe").asText().startsWith("GET http://127.0.0.1:$PORT/ready"));
        assertEquals("unknown", d.list().get(0).path("health").asText(), "no port: every check fails, 3 are needed");
    }

    @Test
    void aBadProbeIsOneLineAndStartsNothing() throws Exception {
        Path eco = d.write("bad.json", """
                {"apps": [{"name": "x", "script": "sleep", "args": "300",
                  "liveness_probe": {"http_get": {"path": "/h"}, "exec": {"command": "true"}}}]}""");
        TestDaemon.Result r = d.jpm("start", eco.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("liveness_probe") && r.err().contains("exactly one of"), r.err());
        assertEquals(0, d.list().size());
    }

    private int inRotation() {
        int n = 0;
        for (JsonNode w : d.list()) if (w.path("ready").asBoolean()) n++;
        return n;
    }

    private JsonNode instance(int i) {
        for (JsonNode w : d.list()) if (w.path("instance").asInt() == i) return w;
        throw new AssertionError("no instance " + i);
    }
}
