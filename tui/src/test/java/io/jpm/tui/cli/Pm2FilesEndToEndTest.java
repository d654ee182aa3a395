package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The files PM2 keeps per process, through the real CLI and daemon: the log_file of both streams. */
class Pm2FilesEndToEndTest extends DaemonTest {

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void logFileTakesBothStreamsAsPm2sDashL() throws Exception {
        d.write("both.sh", "#!/bin/sh\necho to-out\necho to-err >&2\nexec sleep 300\n");
        d.ok("start", "both.sh", "--name", "both", "-l", "all.log", "--merge-logs");
        Path all = d.dir.resolve("all.log");
        Await.until(
                "both lines in all.log",
                10_000,
                () -> read(all).contains("to-out") && read(all).contains("to-err"));
        Await.until("and each in its own file", 10_000, () -> read(d.home.logs().resolve("both-error.log"))
                .contains("to-err"));
        assertTrue(!read(d.home.logs().resolve("both-out.log")).contains("to-err"), "out stays out");

        JsonNode env = d.ok("jlist").json().get(0).path("pm2_env");
        assertEquals(all.toString(), env.path("pm_log_path").asText(), env.toString());
        assertTrue(d.ok("describe", "both").out().contains(all.toString()), "describe names the file");

        d.write(
                "eco.json",
                "{\"apps\": [{\"name\": \"eco\", \"script\": \"./both.sh\", \"log_file\": true,"
                        + " \"instances\": 2}]}");
        d.ok("start", "eco.json");
        Path first = d.home.logs().resolve("eco-1.log");
        Path second = d.home.logs().resolve("eco-2.log");
        Await.until(
                "log_file: true is <name>.log in the logs folder, with the worker id without merge_logs",
                10_000,
                () -> read(first).contains("to-err") && read(second).contains("to-out"));
    }
}
