package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log capture, rotation and reopening against a real daemon and real workers, each test in its own JPM_HOME. */
class LogsEndToEndTest {
    static final String TS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d: ";

    @TempDir
    Path tmp;

    TestDaemon d;

    @BeforeEach
    void setUp() throws Exception {
        d = new TestDaemon(tmp);
    }

    @AfterEach
    void tearDown() {
        d.close();
    }

    @Test
    void sigusr2ReopensTheFilesAtTheirPathsWithoutLosingALine() throws Exception {
        Path script = d.write("ticker.sh", "#!/bin/bash\ni=0\nwhile true; do echo \"tick $i\"; i=$((i+1)); sleep 0.02; done\n");
        d.ok("start", script.toString(), "--name", "ticker");
        Path log = d.home.logs().resolve("ticker-out-0.log");
        TestDaemon.await("ticks", 10_000, () -> read(log).contains("tick 5\n"));
        Path moved = log.resolveSibling("ticker-out-0.log.moved");
        Files.move(log, moved);
        Path daemonLog = d.home.daemonLog();
        Path movedDaemonLog = daemonLog.resolveSibling("daemon.log.moved");
        Files.move(daemonLog, movedDaemonLog);

        signal("USR2", d.daemonPid());
        TestDaemon.await("a fresh file at the original path", 10_000, () -> ticks(log).size() >= 3);
        TestDaemon.await("daemon.log reopened", 10_000, () -> read(daemonLog).contains("log files reopened"));
        d.ok("stop", "ticker");

        List<Integer> before = ticks(moved);
        List<Integer> after = ticks(log);
        assertContiguous(before);
        assertContiguous(after);
        assertEquals(before.get(before.size() - 1) + 1, after.get(0), "the new file goes on where the old one ended");
        assertTrue(read(movedDaemonLog).contains("started: pid"), "the old daemon.log keeps what it had");
    }

    static void signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    static List<Integer> ticks(Path file) {
        Pattern line = Pattern.compile(TS + "tick (\\d+)");
        return read(file).lines().map(l -> {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "not a timestamped tick: " + l);
            return Integer.parseInt(m.group(1));
        }).toList();
    }

    static void assertContiguous(List<Integer> numbers) {
        assertTrue(!numbers.isEmpty(), "no lines");
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "gap or duplicate at index " + i + ": " + numbers);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
