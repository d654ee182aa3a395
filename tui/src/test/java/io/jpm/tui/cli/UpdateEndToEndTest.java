package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code jpm update} (PM2's update, alias updatePM2): a new daemon adopts the running apps, none restarts. */
class UpdateEndToEndTest extends DaemonTest {
    @Test
    void aNewDaemonAdoptsTheAppsWithoutRestartingThemAndKeepsTheirLogs() throws Exception {
        Path ticker = d.write("ticker.sh", "#!/bin/sh\nwhile :; do echo tick; sleep 0.1; done\n");
        d.ok("start", ticker.toString(), "--name", "ticker");
        Await.until("online", 10_000, () -> d.list().path(0).path("pid").asLong() > 0);
        long worker = d.list().path(0).path("pid").asLong();
        long oldDaemon = d.daemonPid();

        TestDaemon.Result r = d.ok("update");
        long newDaemon = d.daemonPid();
        assertNotEquals(oldDaemon, newDaemon);
        assertFalse(ProcessState.isRunning(oldDaemon), "the old daemon exited");
        assertTrue(
                r.out().contains("daemon " + oldDaemon + " replaced by " + newDaemon)
                        && r.out().contains("1 of 1 workers adopted"),
                r.out());
        JsonNode w = d.list().path(0);
        assertEquals(worker, w.path("pid").asLong(), "the same process, not a restart: " + w);
        assertEquals("online", w.path("status").asText());
        assertEquals(0, w.path("restarts").asInt());
        assertTrue(w.path("adopted").asBoolean(), w.toString());
        assertFalse(Files.exists(d.home.dumpFile()), "dump.json is the user's snapshot; update does not write it");

        Path out = Path.of(d.ok("describe", "ticker", "--json")
                .json()
                .path(0)
                .path("logs")
                .path("out")
                .asText());
        long size = Files.size(out);
        Await.until("logs still captured", 10_000, () -> out.toFile().length() > size);

        TestDaemon.Result again = d.ok("updatePM2"); // PM2's other name for it
        assertTrue(again.out().contains("1 of 1 workers adopted"), again.out());
        assertEquals(worker, d.list().path(0).path("pid").asLong());
    }

    @Test
    void withNoDaemonRunningItStartsOne() {
        TestDaemon.Result r = d.ok("update");
        assertTrue(r.out().startsWith("no daemon was running; started " + d.daemonPid()), r.out());
        assertTrue(r.out().contains("0 of 0 workers adopted"), r.out());
    }
}
