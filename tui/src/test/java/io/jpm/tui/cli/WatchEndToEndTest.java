package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** PM2's {@code watch} through the real CLI: a burst of changes restarts the app once; {@code stop --watch} ends it. */
class WatchEndToEndTest extends DaemonTest {

    @Test
    void aBurstOf200FilesRestartsOnceAndStopWatchStopsWatching() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("project"));
        Files.createDirectories(app.resolve("src"));
        d.ok(
                "start",
                "sleep",
                "--name",
                "w",
                "--cwd",
                app.toString(),
                "--watch",
                "--ignore-watch",
                "*.log",
                "--watch-delay",
                "500",
                "--",
                "300");
        JsonNode row = d.list().get(0);
        assertTrue(row.path("watching").asBoolean(), row.toString());
        long first = row.path("pid").asLong();
        JsonNode described = d.ok("describe", "w", "--json").json().get(0);
        assertEquals(
                app.toString(), described.path("config").path("watch").get(0).asText());
        Thread.sleep(1000); // the daemon registers the tree on jpm-watch

        for (int i = 0; i < 200; i++) Files.writeString(app.resolve("src/f" + i + ".js"), "x");
        Await.until(
                "restarted after the burst",
                15_000,
                () -> d.list().get(0).path("restarts").asInt() >= 1);
        Thread.sleep(2000);
        row = d.list().get(0);
        assertEquals(1, row.path("restarts").asInt(), "one restart for 200 files");
        assertTrue(row.path("pid").asLong() != first, "a new process");

        Files.writeString(app.resolve("out.log"), "ignored");
        Thread.sleep(1500);
        assertEquals(1, d.list().get(0).path("restarts").asInt(), "an ignored file restarts nothing");

        d.ok("stop", "w", "--watch");
        row = d.list().get(0);
        assertEquals("stopped", row.path("status").asText());
        assertFalse(row.has("watching"), row.toString());
        Files.writeString(app.resolve("src/after.js"), "x");
        Thread.sleep(1500);
        assertEquals("stopped", d.list().get(0).path("status").asText(), "no longer watched");
        assertEquals(
                false,
                d.ok("describe", "w", "--json")
                        .json()
                        .get(0)
                        .path("config")
                        .path("watch")
                        .asBoolean());
    }

    @Test
    void cronRestartRestartsOnScheduleAndDescribeShowsTheNextRun() throws Exception {
        d.ok("start", "sleep", "--name", "c", "--cron-restart", "*/2 * * * * *", "--", "300");
        JsonNode described = d.ok("describe", "c", "--json").json().get(0);
        long next = described.path("nextCronRestart").asLong();
        assertTrue(next > System.currentTimeMillis() - 1000 && next % 2000 == 0, described.toString());
        assertTrue(d.ok("describe", "c").out().contains("next cron restart"));
        Await.until(
                "restarted by cron",
                15_000,
                () -> d.list().get(0).path("restarts").asInt() >= 2);
    }

    @Test
    void aBadCronRestartIsOneLineNamingTheAppAndTheKey() {
        TestDaemon.Result r = d.jpm("start", "sleep", "--name", "c", "--cron-restart", "61 * * * *", "--", "300");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("\"c\"") && r.err().contains("cron_restart"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(0, d.list().size());
    }
}
