package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What PM2's own e2e scripts (test/e2e/cli, run by bench/pm2-e2e.sh) expect, through the real CLI and daemon. */
class Pm2ScriptsEndToEndTest extends DaemonTest {
    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode w : list) out.add(w.path("name").asText());
        return out;
    }

    private static int restarts(JsonNode list, String name) {
        for (JsonNode w : list)
            if (name.equals(w.path("name").asText())) return w.path("restarts").asInt();
        throw new AssertionError("no " + name + " in " + list);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean online(JsonNode list, int n) {
        int on = 0;
        for (JsonNode w : list) if ("online".equals(w.path("status").asText())) on++;
        return on == n;
    }

    @Test
    void severalScriptsStartAsSeveralAppsAndArgumentsFollowTheDash() throws Exception { // multiparam.sh
        Path args = d.dir.resolve("args");
        String script = "#!/bin/sh\necho \"$0 $*\" >> '" + args + "'\nexec sleep 300\n";
        d.write("a.sh", script);
        d.write("b.sh", script);
        d.ok("start", "a.sh", "b.sh", "--", "x", "y");
        Await.until("both online", 10_000, () -> online(d.list(), 2));
        assertEquals(List.of("a", "b"), names(d.list()));
        Await.until("both wrote their arguments", 10_000, () -> lines(args).size() == 2);
        for (String line : Files.readAllLines(args)) assertTrue(line.endsWith(".sh x y"), line);
        d.ok("restart", "a", "b");
        assertEquals(List.of(1, 1), List.of(restarts(d.list(), "a"), restarts(d.list(), "b")));

        d.write("talk.sh", "#!/bin/sh\necho out-line\necho err-line >&2\nexec sleep 300\n");
        d.ok(
                "start",
                "talk.sh",
                "-x",
                "-o",
                "talk.out",
                "-e",
                "talk.err",
                "--merge-logs"); // fork.sh, args.sh, env-refresh.sh
        Await.until(
                "its own log files",
                10_000,
                () -> lines(d.dir.resolve("talk.out")).toString().contains("out-line")
                        && lines(d.dir.resolve("talk.err")).toString().contains("err-line"));
        assertEquals(2, d.jpm("start", "talk.sh", "-f", "-x", "--cluster").code());
        assertTrue(d.ok("dump").out().startsWith("saved 3 apps"), "PM2's dump is save");

        TestDaemon.Result named = d.jpm("start", "a.sh", "b.sh", "--name", "one");
        assertEquals(2, named.code());
        assertTrue(named.err().startsWith("jpm: --name goes with one script"), named.err());
        assertEquals(3, d.list().size(), "nothing started");
    }

    @Test
    void aStartOfAStoppedAppIsNoRestartAndADelayedRestartCountsWhenItHappens() throws Exception { // smart-start, reset
        d.write("nap.sh", "#!/bin/sh\nexec sleep 300\n");
        d.ok("start", "nap.sh");
        Await.until("online", 10_000, () -> online(d.list(), 1));
        d.ok("stop", "nap");
        assertEquals("stopped", d.list().get(0).path("status").asText());
        assertEquals(0, restarts(d.list(), "nap"));
        d.ok("start", "nap");
        Await.until("online", 10_000, () -> online(d.list(), 1));
        assertEquals(0, restarts(d.list(), "nap"), "PM2 counts no restart for a process that was down");
        d.ok("start", "nap");
        assertEquals(1, restarts(d.list(), "nap"));
        d.ok("stop", "nap");
        d.ok("reload", "nap");
        assertEquals(1, restarts(d.list(), "nap"), "nor for a reload of one that was down");

        d.write("quick.sh", "#!/bin/sh\nexit 1\n");
        d.ok("start", "quick.sh", "--restart-delay", "1500");
        Await.until(
                "waiting to restart",
                10_000,
                () -> d.list().get(1).path("status").asText().equals("waiting-restart"));
        assertEquals(0, restarts(d.list(), "quick"), "not restarted yet");
        Await.until("restarted once the delay is over", 10_000, () -> restarts(d.list(), "quick") >= 1);
    }

    @Test
    void aForkAppThatCannotRunNextToItsOldSelfIsReloadedByARestart() throws Exception { // startOrX.sh
        Path lock = d.dir.resolve("lock");
        d.write("single.sh", "#!/bin/sh\nexec flock -n '" + lock + "' sleep 300\n");
        d.ok("start", "single.sh");
        Await.until("online", 10_000, () -> online(d.list(), 1));
        long old = d.list().get(0).path("pid").asLong();
        TestDaemon.Result r = d.jpm("reload", "single");
        assertEquals(0, r.code(), r.err());
        Await.until("online again", 10_000, () -> online(d.list(), 1));
        assertNotEquals(old, d.list().get(0).path("pid").asLong());
        assertEquals(1, restarts(d.list(), "single"));
    }

    @Test
    void aDashTargetNamesTheAppsOfAProcessFileOnStdin() throws Exception { // piped-config.sh
        d.write("nap.sh", "#!/bin/sh\nexec sleep 300\n");
        String file =
                "{\"apps\": [{\"name\": \"p1\", \"script\": \"./nap.sh\"}, {\"name\": \"p2\", \"script\": \"./nap.sh\"}]}";
        d.ok("start", "nap.sh", "--name", "other");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
            d.ok("start", "-");
            Await.until("three online", 10_000, () -> online(d.list(), 3));
            System.setIn(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
            d.ok("delete", "-");
            assertEquals(List.of("other"), names(d.list()));
            System.setIn(new ByteArrayInputStream("[{\"script\": \"./nap.sh\"}]".getBytes(StandardCharsets.UTF_8)));
            TestDaemon.Result unnamed = d.jpm("stop", "-");
            assertEquals(2, unnamed.code());
            assertEquals(
                    "jpm: an app of the stdin process file has no name",
                    unnamed.err().strip());
        } finally {
            System.setIn(stdin);
        }
        assertEquals("online", d.list().get(0).path("status").asText());
    }
}
