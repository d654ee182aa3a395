package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Log capture, rotation and reopening against a real daemon and real workers, each test in its own JPM_HOME. */
class LogsEndToEndTest extends DaemonTest {
    static final String TS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d: ";

    @Test
    void sigusr2ReopensTheFilesAtTheirPathsWithoutLosingALine() throws Exception {
        Path script = d.write(
                "ticker.sh", "#!/bin/bash\ni=0\nwhile true; do echo \"tick $i\"; i=$((i+1)); sleep 0.02; done\n");
        d.ok("start", script.toString(), "--name", "ticker");
        Path log = d.home.logs().resolve("ticker-out-0.log");
        Await.until("ticks", 10_000, () -> read(log).contains("tick 5\n"));
        Path moved = log.resolveSibling("ticker-out-0.log.moved");
        Files.move(log, moved);
        Path daemonLog = d.home.daemonLog();
        Path movedDaemonLog = daemonLog.resolveSibling("daemon.log.moved");
        Files.move(daemonLog, movedDaemonLog);

        signal("USR2", d.daemonPid());
        Await.until(
                "a fresh file at the original path", 10_000, () -> ticks(log).size() >= 3);
        Await.until("daemon.log reopened", 10_000, () -> read(daemonLog).contains("log files reopened"));
        d.ok("stop", "ticker");

        List<Integer> before = ticks(moved);
        List<Integer> after = ticks(log);
        assertContiguous(before);
        assertContiguous(after);
        assertEquals(before.get(before.size() - 1) + 1, after.get(0), "the new file goes on where the old one ended");
        assertTrue(read(movedDaemonLog).contains("started: pid"), "the old daemon.log keeps what it had");
    }

    @ParameterizedTest(name = "compress={0}")
    @ValueSource(booleans = {false, true})
    void aFloodThroughManyRotationsKeepsEveryLineOnceInOrderWithATimestamp(boolean compress) throws Exception {
        int n = 20_000;
        Path script = d.write("flood.py", """
                import sys
                pad = "x" * 40
                for i in range(%d):
                    sys.stdout.write("out %%d %%s\\n" %% (i, pad))
                    sys.stderr.write("err %%d %%s\\n" %% (i, pad))
                """.formatted(n));
        Path eco = d.write("flood.json", """
                {"apps": [{"name": "flood", "script": "%s", "interpreter": "python3", "autorestart": false,
                  "log_max_size": 65536, "log_keep": 100, "log_compress": %b}]}
                """.formatted(script, compress));
        d.ok("start", eco.toString());
        Path logs = d.home.logs();
        Await.until(
                "every line in the files",
                60_000,
                () -> "stopped".equals(d.list().get(0).path("status").asText())
                        && !rotationPending(logs)
                        && numbers(logs, "flood-out-0.log", "out").size() >= n
                        && numbers(logs, "flood-error-0.log", "err").size() >= n);
        for (String[] s : new String[][] {{"flood-out-0.log", "out"}, {"flood-error-0.log", "err"}}) {
            List<Integer> got = numbers(logs, s[0], s[1]);
            assertEquals(n, got.size(), s[1] + ": every line once");
            for (int i = 0; i < n; i++) assertEquals(i, got.get(i), s[1] + ": line " + i + " in order");
            long rotated;
            try (Stream<Path> files = Files.list(logs)) {
                rotated = files.filter(p -> p.getFileName()
                                .toString()
                                .matches(Pattern.quote(s[0]) + "\\.\\d+" + (compress ? "\\.gz" : "")))
                        .count();
            }
            assertTrue(rotated >= 5, s[0] + " rotated only " + rotated + " times");
        }
    }

    @Test
    void binaryOutputAndAHugeLineAreKeptAsBytesAndTheDaemonGoesOn() throws Exception {
        Path script = d.write("bin.py", """
                import sys
                out = sys.stdout.buffer
                out.write(b"\\xff\\xfe\\x00bin\\xc3\\n")
                out.write(b"y" * 204800 + b"\\n")
                out.write(b"done\\n")
                """);
        d.ok("start", script.toString(), "--name", "bin", "--no-autorestart");
        long pid = d.daemonPid();
        Path log = d.home.logs().resolve("bin-out-0.log");
        Await.until("the last line", 10_000, () -> read(log).endsWith(": done\n"));
        byte[] raw = Files.readAllBytes(log);
        List<byte[]> lines = splitLines(raw);
        assertEquals(6, lines.size(), "binary line, four pieces, done");
        byte[] first = lines.get(0);
        byte[] expected = {(byte) 0xff, (byte) 0xfe, 0, 'b', 'i', 'n', (byte) 0xc3};
        assertArrayEquals(
                expected,
                Arrays.copyOfRange(first, first.length - expected.length, first.length),
                "bytes pass through untouched");
        int ys = 0;
        for (int i = 1; i <= 4; i++) {
            String piece = new String(lines.get(i), StandardCharsets.ISO_8859_1);
            assertTrue(piece.matches(TS + "y+" + (i < 4 ? Pattern.quote(" [continued]") : "")), "piece " + i);
            ys += (int) piece.chars().filter(c -> c == 'y').count();
        }
        assertEquals(204800, ys, "every byte of the long line, once");

        assertEquals(pid, d.daemonPid());
        assertEquals("bin", d.list().get(0).path("name").asText());
        TestDaemon.Result tail = d.ok("logs", "bin", "--nostream", "--lines", "2", "--raw");
        assertTrue(tail.out().endsWith("done\n"), tail.out());
    }

    static List<byte[]> splitLines(byte[] raw) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                lines.add(Arrays.copyOfRange(raw, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    @Test
    void logsPrintsTheTailThenTheLiveStreamWithNoGapAndNoDuplicate() throws Exception {
        Path script = d.write(
                "tick.sh",
                "#!/bin/bash\ni=0\nwhile true; do echo \"tick $i\"; echo \"warn $i\" >&2; "
                        + "i=$((i+1)); sleep 0.005; done\n");
        d.ok("start", script.toString(), "--name", "tick");
        Path log = d.home.logs().resolve("tick-out-0.log");
        Await.until("some ticks", 10_000, () -> read(log).contains("tick 30\n"));

        String printed = follow(1 + 5 + 40, "logs", "tick", "--out", "--lines", "5");
        List<String> lines = printed.lines().toList();
        assertTrue(lines.get(0).matches("==> .*tick-out-0.log <=="), printed);
        Pattern tick = Pattern.compile("0\\|tick \\| " + TS + "tick (\\d+)");
        List<Integer> numbers = lines.subList(1, lines.size()).stream()
                .map(l -> {
                    Matcher m = tick.matcher(l);
                    assertTrue(m.matches(), "not a plain prefixed, timestamped stdout line: " + l);
                    return Integer.parseInt(m.group(1));
                })
                .toList();
        assertTrue(numbers.size() >= 5 + 40, "the stream went on after the tail: " + numbers);
        assertContiguous(numbers);
        d.ok("stop", "tick");
    }

    @Test
    void logsFlagsPickStreamsFormatsAndLines() throws Exception {
        Path script = d.write(
                "two.sh",
                "#!/bin/bash\nfor i in $(seq 0 19); do echo \"out $i\"; echo \"err $i\" >&2; done\n" + "sleep 600\n");
        d.ok("start", script.toString(), "--name", "two");
        Await.until(
                "both streams",
                10_000,
                () -> read(d.home.logs().resolve("two-error-0.log")).contains("err 19")
                        && read(d.home.logs().resolve("two-out-0.log")).contains("out 19"));

        assertEquals(
                "err 17\nerr 18\nerr 19\n",
                d.ok("logs", "two", "--nostream", "--err", "--raw", "--lines", "3")
                        .out()
                        .replaceAll("(?m)^" + TS, ""));
        assertEquals(
                List.of("out 10", "out 15"),
                d.ok("logs", "two", "--nostream", "--out", "--raw", "--grep", "out 1[05]$")
                        .out()
                        .lines()
                        .map(l -> l.replaceAll("^" + TS, ""))
                        .toList());
        List<String> json = d.ok("logs", "0", "--nostream", "--json", "--lines", "2")
                .out()
                .lines()
                .toList();
        assertEquals(4, json.size(), "two lines of each stream: " + json);
        for (String l : json) {
            var node = io.jpm.ipc.Json.MAPPER.readTree(l);
            assertEquals("two", node.path("app").asText());
            assertEquals(0, node.path("id").asInt());
            String stream = node.path("stream").asText();
            assertTrue(node.path("text").asText().matches(TS + stream + " 1[89]"), l);
        }
        String plain = d.ok("logs", "two", "--nostream", "--lines", "1").out();
        assertTrue(plain.contains("0|two | "), plain);
        assertTrue(!plain.contains("\u001b"), "NO_COLOR and no TTY: no escape codes: " + plain);
        assertEquals(2, d.jpm("logs", "two", "--err", "--out").code());
        assertEquals(2, d.jpm("logs", "two", "--grep", "(").code());
        assertEquals(1, d.jpm("logs", "nosuch", "--nostream").code());
        d.ok("delete", "two");
    }

    /**
     * Runs the CLI in a JVM of its own (as a user would, with stdout a pipe, so no color) until it has printed
     * {@code lines} lines, then ends it with SIGTERM as Ctrl-C would, and returns what it printed.
     */
    String follow(int lines, String... args) throws Exception {
        try {
            return followOnce(lines, args);
        } catch (AssertionError e) {
            // The known intermittent stall of a first CURVE handshake (see README) can make the subscription time
            // out on a loaded machine; that is not what this test is about, so it gets one more try.
            if (!String.valueOf(e.getMessage()).contains("could not subscribe")) throw e;
            return followOnce(lines, args);
        }
    }

    private String followOnce(int lines, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.jpm.tui.cli.Jpm"));
        argv.addAll(List.of(args));
        Path errFile = d.dir.resolve("follow.err");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(errFile.toFile());
        pb.environment().putAll(d.env);
        Process p = pb.start();
        StringBuffer out = new StringBuffer();
        Thread reader = new Thread(
                () -> {
                    try (InputStream in = p.getInputStream()) {
                        byte[] b = new byte[8192];
                        for (int n; (n = in.read(b)) > 0; ) out.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "jpm-logs-reader");
        reader.start();
        try {
            Await.until(
                    lines + " lines from jpm " + String.join(" ", args),
                    30_000,
                    () -> out.chars().filter(c -> c == '\n').count() >= lines || !p.isAlive());
            assertTrue(p.isAlive(), "jpm logs ended by itself: " + out + " / " + read(errFile));
        } finally {
            if (p.isAlive()) signal("TERM", p.pid());
            p.waitFor();
            reader.join(5_000);
        }
        return out.toString();
    }

    static boolean rotationPending(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().matches(".*(\\.rotating-\\d+|\\.tmp)"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The numbers of every line of a log and its rotated files, oldest file first; fails on a line without a
     * timestamp.
     */
    static List<Integer> numbers(Path dir, String name, String stream) {
        Pattern line = Pattern.compile(TS + stream + " (\\d+) x+");
        List<Integer> all = new ArrayList<>();
        for (Path f : logFiles(dir, name)) {
            for (String l : readMaybeGzipped(f).split("\n")) {
                if (l.isEmpty()) continue;
                Matcher m = line.matcher(l);
                assertTrue(m.matches(), f + ": not a timestamped " + stream + " line: " + l);
                all.add(Integer.parseInt(m.group(1)));
            }
        }
        return all;
    }

    /** name.K[.gz] from the oldest (highest K), then parked name.rotating-N (oldest first), then name. */
    static List<Path> logFiles(Path dir, String name) {
        Pattern numbered = Pattern.compile(Pattern.quote(name) + "\\.(\\d+)(\\.gz)?");
        Pattern parked = Pattern.compile(Pattern.quote(name) + "\\.rotating-(\\d+)");
        List<Path> rotated = new ArrayList<>();
        List<Path> pending = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                String f = p.getFileName().toString();
                if (numbered.matcher(f).matches()) rotated.add(p);
                if (parked.matcher(f).matches()) pending.add(p);
            });
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        rotated.sort(Comparator.comparingInt((Path p) -> number(numbered, p)).reversed());
        pending.sort(Comparator.comparingInt((Path p) -> number(parked, p)));
        List<Path> all = new ArrayList<>(rotated);
        all.addAll(pending);
        all.add(dir.resolve(name));
        return all;
    }

    private static int number(Pattern p, Path file) {
        Matcher m = p.matcher(file.getFileName().toString());
        if (!m.matches()) throw new AssertionError(file);
        return Integer.parseInt(m.group(1));
    }

    static String readMaybeGzipped(Path f) {
        try (InputStream raw = Files.newInputStream(f);
                InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // rotated or compressed while we looked: the next poll sees it
        }
    }

    static void signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid))
                .inheritIO()
                .start();
        assertEquals(0, p.waitFor());
    }

    static List<Integer> ticks(Path file) {
        Pattern line = Pattern.compile(TS + "tick (\\d+)");
        return read(file)
                .lines()
                .map(l -> {
                    Matcher m = line.matcher(l);
                    assertTrue(m.matches(), "not a timestamped tick: " + l);
                    return Integer.parseInt(m.group(1));
                })
                .toList();
    }

    static void assertContiguous(List<Integer> numbers) {
        assertTrue(!numbers.isEmpty(), "no lines");
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "gap or duplicate at index " + i + ": " + numbers);
        }
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8); // lenient: invalid bytes become U+FFFD
        } catch (IOException e) {
            return "";
        }
    }
}
