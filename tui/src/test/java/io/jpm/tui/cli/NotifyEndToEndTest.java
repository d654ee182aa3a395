package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Workers that speak sd_notify on the NOTIFY_SOCKET jpm gives them, with python's socket module and no library. */
class NotifyEndToEndTest extends DaemonTest {
    /** Sends one sd_notify datagram: {@code notify("READY=1")}. */
    static final String NOTIFY = """
            import os, socket
            def notify(message):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.sendto(message.encode(), os.environ["NOTIFY_SOCKET"])
                s.close()
            """;

    @Test
    void readyOneGatesAWaitReadyClusterWorkerAndStatusShowsInDescribe() throws Exception {
        int port = HttpLoad.freePort();
        Path app = d.write(
                "notifying.py",
                NOTIFY
                        + ClusterModeEndToEndTest.IDENT.replace(
                                "try:\n    server.serve_forever()",
                                "import threading\n"
                                        + "notify('STATUS=warming up')\n"
                                        + "threading.Timer(2, lambda: notify('READY=1\\nSTATUS=serving')).start()\n"
                                        + "try:\n    server.serve_forever()"));
        d.ok(
                "start",
                app.toString(),
                "--name",
                "web",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--wait-ready",
                "--listen-timeout",
                "20000");
        Await.until(
                "private port listening",
                10_000,
                () -> accepts(d.list().get(0).path("port").asInt()));
        assertFalse(d.list().get(0).path("ready").asBoolean(), "listening is not ready before READY=1");
        Await.until("warming up shown", 10_000, () -> status("web").equals("warming up"));
        Await.until(
                "ready after READY=1",
                20_000,
                () -> d.list().get(0).path("ready").asBoolean());
        assertTrue(HttpLoad.get(port).startsWith("instance=0"));
        Await.until("serving shown", 10_000, () -> status("web").equals("serving"));
        assertTrue(d.ok("describe", "web").out().contains("serving"), "the text view shows it too");
    }

    @Test
    void aForgedReadyFromAnotherAppIsIgnored() throws Exception {
        int port = HttpLoad.freePort();
        Path silent = d.write("silent.py", ClusterModeEndToEndTest.IDENT);
        d.ok(
                "start",
                silent.toString(),
                "--name",
                "web",
                "--cluster",
                "--port",
                Integer.toString(port),
                "--wait-ready",
                "--listen-timeout",
                "60000");
        Await.until(
                "private port listening",
                10_000,
                () -> accepts(d.list().get(0).path("port").asInt()));
        // another app tells jpm that web is ready, and names web's pid in what it says
        long webPid = d.list().get(0).path("pid").asLong();
        Path forger = d.write(
                "forger.py",
                NOTIFY + "import time\nfor _ in range(20):\n    notify('READY=1\\nMAINPID=" + webPid
                        + "\\nSTATUS=forged')\n    time.sleep(0.1)\ntime.sleep(300)\n");
        d.ok("start", forger.toString(), "--name", "forger");
        Await.until("the forger ran", 10_000, () -> status("forger").equals("forged"));
        Thread.sleep(1000);
        JsonNode web = ForkModeEndToEndTest.row(d.list(), "web");
        assertFalse(web.path("ready").asBoolean(), "another app's READY=1 does not make web ready");
        assertEquals("", status("web"));
    }

    @Test
    void aWorkerThatStopsPingingIsRestartedAndOneThatPingsIsNot() throws Exception {
        // both ping at half the interval jpm exports; "hangs" stops after 1.5 s, as a hung event loop would; "pings"
        // has 3 s, as python can take over a second to start on a loaded machine
        String worker = NOTIFY
                + "import os, sys, time\n"
                + "interval = int(os.environ['WATCHDOG_USEC']) / 2e6\n"
                + "until = time.time() + float(sys.argv[1])\n"
                + "while True:\n"
                + "    if time.time() < until:\n"
                + "        notify('WATCHDOG=1')\n"
                + "    time.sleep(interval)\n";
        Path script = d.write("pinger.py", worker);
        Path eco = d.write("watchdog.json", """
                {"apps": [
                  {"name": "hangs", "script": "%s", "args": ["1.5"], "watchdog_sec": 1},
                  {"name": "pings", "script": "%s", "args": ["100000"], "watchdog_sec": 3}
                ]}""".formatted(script, script));
        d.ok("start", eco.toString());
        long first = ForkModeEndToEndTest.pidOf(d.list(), "hangs");
        Await.until(
                "hangs restarted by its watchdog",
                15_000,
                () -> ForkModeEndToEndTest.row(d.list(), "hangs")
                                .path("restarts")
                                .asInt()
                        >= 1);
        assertTrue(ForkModeEndToEndTest.pidOf(d.list(), "hangs") != first, "a new process");
        JsonNode hangs = d.ok("describe", "hangs", "--json").json().get(0);
        assertTrue(
                hangs.path("restartHistory").toString().contains("watchdog: no WATCHDOG=1 within 1000 ms"),
                hangs.path("restartHistory").toString());
        assertEquals(1.0, hangs.path("config").path("watchdog_sec").asDouble());
        // the workers read WATCHDOG_USEC: without it they would die at once, and "pings" would restart too
        assertEquals(
                0, ForkModeEndToEndTest.row(d.list(), "pings").path("restarts").asInt(), "pinging keeps it");
    }

    @Test
    void aWatchdogRestartGoesThroughTheRestartPolicyAndEndsErroredAtItsLimit() throws Exception {
        // never pings: each run is unstable however long it lasts, so max_restarts ends it
        Path eco = d.write("silent.json", """
                {"apps": [{"name": "silent", "script": "sleep", "args": "300", "watchdog_sec": 0.5,
                           "max_restarts": 3, "restart_delay": 100}]}""");
        d.ok("start", eco.toString());
        Await.until("errored by its watchdog", 30_000, () -> "errored"
                .equals(ForkModeEndToEndTest.row(d.list(), "silent")
                        .path("status")
                        .asText()));
        JsonNode w = ForkModeEndToEndTest.row(d.list(), "silent");
        assertEquals(2, w.path("restarts").asInt(), "restarted twice, errored at the third miss");
        assertTrue(w.path("reason").asText().startsWith("too many unstable restarts (3)"), w.toString());
        assertTrue(w.path("reason").asText().contains("watchdog: no WATCHDOG=1 within 500 ms"), w.toString());
        JsonNode history = d.ok("describe", "silent", "--json").json().get(0).path("restartHistory");
        assertTrue(history.get(2).path("outcome").asText().startsWith("errored (watchdog"), history.toString());
    }

    @Test
    void aBadWatchdogSecIsOneLineAndStartsNothing() throws Exception {
        Path eco = d.write("bad.json", """
                {"apps": [{"name": "x", "script": "sleep", "args": "300", "watchdog_sec": -2}]}""");
        TestDaemon.Result r = d.jpm("start", eco.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("watchdog_sec"), r.err());
        assertEquals(0, d.list().size());
    }

    private String status(String app) {
        JsonNode w = d.ok("describe", app, "--json").json().get(0);
        return w.path("notifyStatus").path("text").asText("");
    }

    private static boolean accepts(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
