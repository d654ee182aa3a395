package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The files PM2 keeps per process, through the real CLI and daemon: the log_file of both streams, the pid files. */
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

    private void awaitOnline(int n) {
        Await.until(n + " online", 10_000, () -> {
            int online = 0;
            for (JsonNode w : d.list()) if ("online".equals(w.path("status").asText())) online++;
            return online == n;
        });
    }

    @Test
    void eachRunningWorkerHasAPidFileAsPm2s() throws Exception {
        d.write("nap.sh", "#!/bin/sh\nexec sleep 300\n");
        d.ok("start", "nap.sh", "--name", "nap", "-i", "2");
        awaitOnline(2);
        JsonNode list = d.list();
        for (JsonNode w : list) {
            Path pidFile = d.home.pids().resolve("nap-" + w.path("id").asInt() + ".pid");
            Await.until(pidFile + " holds the pid", 10_000, () -> read(pidFile)
                    .equals(w.path("pid").asText()));
        }
        JsonNode env = d.ok("jlist").json().get(1).path("pm2_env");
        assertEquals(
                d.home.pids().resolve("nap-1.pid").toString(),
                env.path("pm_pid_path").asText());

        d.ok("restart", "nap");
        awaitOnline(2);
        long pid = d.list().get(0).path("pid").asLong();
        Await.until(
                "a restart writes the new pid", 10_000, () -> read(d.home.pids().resolve("nap-0.pid"))
                        .equals(Long.toString(pid)));
        d.ok("stop", "nap");
        assertFalse(Files.exists(d.home.pids().resolve("nap-0.pid")), "a stopped worker has no pid file");
        assertFalse(Files.exists(d.home.pids().resolve("nap-1.pid")));

        d.ok("start", "nap.sh", "--name", "own", "--pid", "run/own.pid");
        awaitOnline(1);
        Path own = d.dir.resolve("run/own-2.pid");
        Await.until("pid_file: the id before the extension", 10_000, () -> !read(own)
                .isEmpty());
        assertTrue(d.ok("describe", "own").out().contains(own.toString()), "describe names it");
        d.ok("delete", "own");
        assertFalse(Files.exists(own), "removed with its process");
    }
}
