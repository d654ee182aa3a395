package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** depends_on: the engine starts an ecosystem file's apps in dependency order and stops them in reverse. */
class DependsOnEndToEndTest extends DaemonTest {
    /** Listens on PORT after sleeping argv[1] seconds; on SIGINT (jpm's stop) takes argv[2] seconds to exit. */
    static final String SLOW = """
            import http.server, os, signal, sys, time
            signal.signal(signal.SIGINT, lambda *a: (time.sleep(float(sys.argv[2])), os._exit(0)))
            time.sleep(float(sys.argv[1]))
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
            """;

    @Test
    void appsStartAfterTheirDependenciesAreHealthyOrReadyAndStopBeforeThem() throws Exception {
        Path slow = d.write("slow.py", SLOW);
        Path notifier = d.write(
                "notifier.py",
                NotifyEndToEndTest.NOTIFY + "import time\ntime.sleep(1.5)\nnotify('READY=1')\ntime.sleep(300)\n");
        // listed dependents first, so that only depends_on can put db and bus before them
        Path eco = d.write("stack.json", """
                {"apps": [
                  {"name": "web", "script": "%1$s", "args": ["0", "1.5"], "port": %2$d,
                   "depends_on": {"db": {"condition": "healthy"}, "bus": {"condition": "ready"}}},
                  {"name": "db", "script": "%1$s", "args": ["1.5", "0"], "port": %3$d,
                   "liveness_probe": {"tcp_socket": {}, "period_seconds": 0.2, "failure_threshold": 30}},
                  {"name": "bus", "script": "%4$s", "wait_ready": true, "listen_timeout": 20000}
                ]}""".formatted(slow, HttpLoad.freePort(), HttpLoad.freePort(), notifier));
        TestDaemon.Result r = d.ok("start", eco.toString());
        assertTrue(!r.err().contains("started although"), r.err());
        JsonNode db = describe("db");
        JsonNode bus = describe("bus");
        JsonNode web = describe("web");
        assertEquals("healthy", db.path("health").asText());
        assertTrue(
                web.path("startedAt").asLong() - db.path("startedAt").asLong() >= 1_500,
                "db passes its probe once it listens, 1.5 s after it started");
        assertTrue(bus.path("ready").asBoolean(), "READY=1 makes a fork wait_ready worker ready");
        assertTrue(
                web.path("startedAt").asLong() - bus.path("startedAt").asLong() >= 1_500, "bus is ready after 1.5 s");

        d.ok("stop", "all");
        long webStopped = lastExitAt(describe("web"));
        long dbStopped = lastExitAt(describe("db"));
        // web takes 1.5 s to exit and db none: stopped together, db would end 1.5 s before web
        assertTrue(dbStopped >= webStopped, "db stops once web has: " + (dbStopped - webStopped) + " ms");
    }

    @Test
    void aCycleOrAnUnknownNameIsOneErrorAndStartsNothing() throws Exception {
        Path cycle = d.write("cycle.json", """
                {"apps": [
                  {"name": "a", "script": "sleep", "args": "300", "depends_on": ["b"]},
                  {"name": "b", "script": "sleep", "args": "300", "depends_on": ["a"]},
                  {"name": "c", "script": "sleep", "args": "300"}
                ]}""");
        TestDaemon.Result r = d.jpm("start", cycle.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("depends_on has a cycle: a -> b -> a"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(0, d.list().size(), "nothing started");

        Path unknown = d.write("unknown.json", """
                {"apps": [{"name": "web", "script": "sleep", "args": "300", "depends_on": ["db"]}]}""");
        r = d.jpm("start", unknown.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("no app named \"db\""), r.err());
        assertEquals(0, d.list().size());
    }

    private JsonNode describe(String app) {
        return d.ok("describe", app, "--json").json().get(0);
    }

    private static long lastExitAt(JsonNode w) {
        JsonNode h = w.path("restartHistory");
        return h.get(h.size() - 1).path("at").asLong();
    }
}
