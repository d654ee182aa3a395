package io.jpm.engine.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.policy.Exit;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnerTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp");

    @TempDir
    Path dir;

    private final List<Spawner.Spawned> started = new ArrayList<>();
    private final Map<Long, Path> outFifos = new java.util.HashMap<>();
    private int fifos;

    /** Every test ends its workers; one still running here is killed and fails the test. */
    @AfterEach
    void killWhatIsLeft() throws Exception {
        List<Long> leftover = new ArrayList<>();
        for (Spawner.Spawned s : started) {
            Posix.close(s.stdout());
            Posix.close(s.stderr());
            if (!s.exit().isDone()) {
                leftover.add(s.pid());
                Posix.kill(-s.pid(), 9);
                s.exit().get(10, TimeUnit.SECONDS);
            }
        }
        assertEquals(List.of(), leftover, "workers left running");
    }

    @Test
    void theProgramItselfLeadsASessionWithTheFifosWiredAndNothingElseOpen() throws Exception {
        Spawner.Spawned s = execed(spawn(List.of("sleep", "30")));
        assertEquals(
                "sleep",
                Files.readString(Path.of("/proc", Long.toString(s.pid()), "comm"))
                        .strip());
        String[] stat = ProcessState.statFields(s.pid());
        assertEquals(s.pid(), Long.parseLong(stat[5 - 3]), "process group");
        assertEquals(s.pid(), Long.parseLong(stat[6 - 3]), "session");
        assertEquals(ProcessHandle.current().pid(), Long.parseLong(stat[4 - 3]), "parent");
        Map<Integer, String> fds = fds(s.pid());
        assertEquals(
                Map.of(
                        0, "/dev/null",
                        1, fifo(s, "out"),
                        2, fifo(s, "err"),
                        3, fifo(s, "out"),
                        4, fifo(s, "err")),
                fds);
        assertEquals(
                dir.toString(),
                Files.readSymbolicLink(Path.of("/proc", Long.toString(s.pid()), "cwd"))
                        .toString());
        Map<String, String> status = status(s.pid());
        assertEquals(0L, Long.parseLong(status.get("SigBlk"), 16), "signal mask");
        // glibc keeps its two internal signals (32, 33) out of every signal set: only 1..31 can be reset
        assertEquals(0L, Long.parseLong(status.get("SigIgn"), 16) & 0x7FFF_FFFFL, "ignored signals");
        assertEquals(ENV, Posix.environment(s.pid()));
        Posix.kill(s.pid(), 15);
        assertEquals(Exit.signal("SIGTERM"), s.exit().get(10, TimeUnit.SECONDS));
    }

    @Test
    void outputArrivesOnTheReadEndsAndEndsWithTheWorker() throws Exception {
        Spawner.Spawned s = spawn(List.of("sh", "-c", "echo to-out; echo to-err >&2"));
        assertEquals(Exit.code(0), s.exit().get(10, TimeUnit.SECONDS));
        assertEquals("to-out\n", drain(s.stdout()));
        assertEquals("to-err\n", drain(s.stderr()));
    }

    /**
     * The program's path, its arguments, its environment, its folder and its FIFOs' paths all reach the child as
     * UTF-8, in order, with nothing lost at the ends (spawn lays them out in one native block of its own).
     */
    @Test
    void argumentsEnvironmentAndPathsArriveIntactInUtf8() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("dossier é ü ✓"));
        Map<String, String> env = new TreeMap<>(ENV);
        for (int i = 0; i < 100; i++) env.put("V" + i, "value " + i);
        env.put("GREETING", "grüße ✓");
        env.put("EMPTY", "");
        Path out = folder.resolve("fifo ✓.out");
        Path err = folder.resolve("fifo ✓.err");
        Spawner.Spawned s = track(Spawner.spawn(
                List.of(
                        "sh",
                        "-c",
                        "printf '%s|' \"$0\" \"$1\" \"$2\" \"$GREETING\" \"$EMPTY\" \"$V0\" \"$V99\" \"$PWD\"",
                        "zéro",
                        "",
                        "trois ✓"),
                folder,
                env,
                out,
                err));
        assertEquals(Exit.code(0), s.exit().get(10, TimeUnit.SECONDS));
        assertEquals("zéro||trois ✓|grüße ✓||value 0|value 99|" + folder + "|", drain(s.stdout()));
    }

    @Test
    void anExecutableScriptWithoutAShebangLineRunsWithSh() throws Exception {
        Path script = Files.writeString(dir.resolve("no-shebang"), "echo \"from $0 with $1\"\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Spawner.Spawned s = spawn(List.of(script.toString(), "arg"));
        assertEquals(Exit.code(0), s.exit().get(10, TimeUnit.SECONDS));
        assertEquals("from " + script + " with arg\n", drain(s.stdout()));
    }

    @Test
    void exitCodesAndSignalsAreReportedAndNoZombieRemains() throws Exception {
        Spawner.Spawned code = spawn(List.of("sh", "-c", "exit 7"));
        Spawner.Spawned big = spawn(List.of("sh", "-c", "exit 137"));
        Spawner.Spawned killed = spawn(List.of("sleep", "30"));
        Spawner.Spawned aborted = spawn(List.of("sh", "-c", "kill -ABRT $$"));
        Posix.kill(killed.pid(), 9);
        assertEquals(Exit.code(7), code.exit().get(10, TimeUnit.SECONDS));
        assertEquals(Exit.code(137), big.exit().get(10, TimeUnit.SECONDS), "a real exit(137) is not SIGKILL");
        assertEquals(Exit.signal("SIGKILL"), killed.exit().get(10, TimeUnit.SECONDS));
        assertEquals(Exit.signal("SIGABRT"), aborted.exit().get(10, TimeUnit.SECONDS));
        for (Spawner.Spawned s : List.of(code, big, killed, aborted)) {
            assertFalse(Files.exists(Path.of("/proc", Long.toString(s.pid()))), "reaped: " + s.pid());
        }
    }

    @Test
    void aProgramThatCannotStartIsOneClearErrorAndLeavesNothing() throws Exception {
        Path script = Files.writeString(dir.resolve("not-executable"), "#!/bin/sh\necho hi\n");
        List<ProcessHandle> childrenBefore = ProcessHandle.current().children().toList();
        IOException missing = assertThrows(IOException.class, () -> spawn(List.of(dir + "/no-such-program")));
        assertEquals(dir + "/no-such-program: no such file", missing.getMessage());
        IOException denied = assertThrows(IOException.class, () -> spawn(List.of(script.toString())));
        assertEquals(script + ": permission denied (not executable?)", denied.getMessage());
        IOException unknown = assertThrows(IOException.class, () -> spawn(List.of("no-such-program-jpm")));
        assertEquals("no-such-program-jpm: not found on the PATH", unknown.getMessage());
        IOException noDir = assertThrows(
                IOException.class,
                () -> Spawner.spawn(List.of("true"), dir.resolve("gone"), ENV, dir.resolve("a"), dir.resolve("b")));
        assertEquals("working folder not found: " + dir.resolve("gone"), noDir.getMessage());
        assertEquals(
                List.of(),
                ProcessHandle.current()
                        .children()
                        .filter(c -> !childrenBefore.contains(c))
                        .toList(),
                "no child left");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(script), left.toList(), "no FIFO left");
        }
    }

    /**
     * A daemon out of descriptors (bench/faults.sh, 300 workers under {@code ulimit -n 256}): with exactly two free,
     * the child started (posix_spawn closes each target before opening it, so the child needs no free slot), then
     * the daemon could not open /proc/PID/stat, reported "pid N vanished" and left the child running, unwatched: 263
     * orphans in one run. Every number of free descriptors must give a worker or one clear error, and no process.
     */
    @Test
    void aSpawnThatRunsOutOfDescriptorsAnywhereLeavesNoProcessAndSaysWhy() throws Exception {
        List<ProcessHandle> childrenBefore = ProcessHandle.current().children().toList();
        List<String> errors = new ArrayList<>();
        try {
            squeezeEachCount(childrenBefore, errors);
        } finally {
            ProcessHandle.current()
                    .children()
                    .filter(c -> !childrenBefore.contains(c))
                    .forEach(ProcessHandle::destroyForcibly);
        }
        assertFalse(errors.isEmpty(), "no start ran out of descriptors: the squeeze did not work");
    }

    private void squeezeEachCount(List<ProcessHandle> childrenBefore, List<String> errors) throws Exception {
        for (int free = 0; free <= 8; free++) {
            Spawner.Spawned s = null;
            IOException failed = null;
            try (DescriptorSqueeze squeeze = DescriptorSqueeze.leaving(free)) {
                s = spawn(List.of("sleep", "1000"));
            } catch (IOException e) {
                failed = e;
            }
            if (s != null) {
                Posix.kill(s.pid(), 9);
                s.exit().get(10, TimeUnit.SECONDS);
                continue;
            }
            errors.add(free + ": " + failed.getMessage());
            String why = failed.getMessage();
            assertTrue(
                    why.contains("Too many open files") || why.contains("errno 24"),
                    "the reason, with " + free + " free: " + why);
            Await.until("no child left with " + free + " free descriptors", () -> ProcessHandle.current()
                    .children()
                    .filter(c -> !childrenBefore.contains(c))
                    .filter(ProcessHandle::isAlive)
                    .toList()
                    .isEmpty());
        }
    }

    @Test
    void passedDescriptorsLandAtThreeOnwardsWithTheListenVariables() throws Exception {
        Path a = Files.writeString(dir.resolve("socket-a"), "a");
        Path b = Files.writeString(dir.resolve("socket-b"), "b");
        int fa = Posix.openNonBlocking(a);
        int fb = Posix.openNonBlocking(b);
        try {
            Path out = dir.resolve("w" + fifos + ".out");
            Path err = dir.resolve("w" + fifos++ + ".err");
            Spawner.Spawned s =
                    execed(track(Spawner.spawn(List.of("sleep", "30"), dir, ENV, out, err, List.of(fa, fb))));
            awaitExec(s.pid(), "sleep");
            assertEquals(
                    Map.of(
                            0,
                            "/dev/null",
                            1,
                            out.toString(),
                            2,
                            err.toString(),
                            3,
                            a.toString(),
                            4,
                            b.toString(),
                            5,
                            out.toString(),
                            6,
                            err.toString()),
                    fds(s.pid()));
            Map<String, String> env = Posix.environment(s.pid());
            assertEquals(
                    dir.toString(),
                    Files.readSymbolicLink(Path.of("/proc", Long.toString(s.pid()), "cwd"))
                            .toString(),
                    "the sh prefix sets the folder too");
            assertEquals("2", env.get("LISTEN_FDS"));
            assertEquals(Long.toString(s.pid()), env.get("LISTEN_PID"));
            Posix.kill(s.pid(), 9);
            assertEquals(Exit.signal("SIGKILL"), s.exit().get(10, TimeUnit.SECONDS));
        } finally {
            Posix.close(fa);
            Posix.close(fb);
        }
    }

    @Test
    void aDescriptorPassedWithoutSocketActivationLandsAtThreeWithNoListenVariables() throws Exception {
        int[] pair = UnixStream.pair();
        try {
            Path out = dir.resolve("w" + fifos + ".out");
            Path err = dir.resolve("w" + fifos++ + ".err");
            Spawner.Spawned s =
                    execed(track(Spawner.spawn(List.of("sleep", "30"), dir, ENV, out, err, List.of(pair[1]), 0)));
            awaitExec(s.pid(), "sleep");
            Map<Integer, String> fds = fds(s.pid());
            assertTrue(fds.get(3).startsWith("socket:["), "fd 3 is the channel: " + fds);
            assertEquals(out.toString(), fds.get(4));
            assertEquals(6, fds.size(), "nothing else open: " + fds);
            Map<String, String> env = Posix.environment(s.pid());
            assertFalse(env.containsKey("LISTEN_FDS"), "no socket activation: " + env.get("LISTEN_FDS"));
            assertFalse(env.containsKey("LISTEN_PID"));
            Posix.kill(s.pid(), 9);
            assertEquals(Exit.signal("SIGKILL"), s.exit().get(10, TimeUnit.SECONDS));
        } finally {
            Posix.close(pair[0]);
            Posix.close(pair[1]);
        }
    }

    @Test
    void twoHundredWorkersAddNoThreadPerWorker() throws Exception {
        spawn(List.of("true")).exit().get(10, TimeUnit.SECONDS); // the watcher's thread exists from here on
        long threadsBefore = threads();
        List<Spawner.Spawned> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) many.add(spawn(List.of("sleep", "30")));
        long threadsWith200 = threads();
        for (Spawner.Spawned s : many) Posix.kill(s.pid(), 9);
        for (Spawner.Spawned s : many)
            assertEquals(Exit.signal("SIGKILL"), s.exit().get(30, TimeUnit.SECONDS));
        assertTrue(threadsWith200 - threadsBefore < 5, "threads " + threadsBefore + " -> " + threadsWith200);
        for (Spawner.Spawned s : many) {
            assertFalse(Files.exists(Path.of("/proc", Long.toString(s.pid()))), "reaped: " + s.pid());
        }
    }

    private Spawner.Spawned spawn(List<String> command) throws IOException {
        Path out = dir.resolve("w" + fifos + ".out");
        Path err = dir.resolve("w" + fifos++ + ".err");
        Spawner.Spawned s = track(Spawner.spawn(command, dir, ENV, out, err));
        outFifos.put(s.pid(), out);
        return s;
    }

    /**
     * Waits until the exec of {@code s} is complete. posix_spawn returns when the child has its new memory (the
     * vfork is released there), a moment before the kernel fills in its environment and closes its close-on-exec
     * descriptors; on a loaded machine a test can look in between and see an empty environment.
     */
    private static Spawner.Spawned execed(Spawner.Spawned s) {
        Await.until("exec of " + s.pid() + " complete", 10_000, () -> !Posix.environment(s.pid())
                .isEmpty());
        return s;
    }

    private Spawner.Spawned track(Spawner.Spawned s) {
        started.add(s);
        return s;
    }

    private String fifo(Spawner.Spawned s, String stream) {
        String out = outFifos.get(s.pid()).toString();
        return stream.equals("out") ? out : out.replaceAll("\\.out$", ".err");
    }

    /**
     * The process's open descriptors once its exec has settled: the kernel names the new program (comm, which
     * awaitExec watches) a moment before it closes the close-on-exec descriptors, so the table is read until two
     * reads in a row agree and no entry vanished in between.
     */
    private static Map<Integer, String> fds(long pid) throws IOException, InterruptedException {
        Map<Integer, String> last = null;
        for (int i = 0; i < 200; i++) {
            Map<Integer, String> now = readFds(pid);
            if (now != null && now.equals(last)) return now;
            last = now;
            Thread.sleep(5);
        }
        throw new AssertionError("the descriptors of " + pid + " never settled: " + last);
    }

    /** One read of /proc/PID/fd, or null when an entry closed while it was read. */
    private static Map<Integer, String> readFds(long pid) throws IOException {
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path p : list.toList()) {
                try {
                    fds.put(
                            Integer.parseInt(p.getFileName().toString()),
                            Files.readSymbolicLink(p).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    return null;
                }
            }
        }
        return fds;
    }

    private static Map<String, String> status(long pid) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0)
                m.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return m;
    }

    /** Waits until the shell prefix has exec'd the program. */
    private static void awaitExec(long pid, String comm) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(Path.of("/proc", Long.toString(pid), "comm"))
                .strip()
                .equals(comm)) {
            if (System.nanoTime() > deadline) throw new AssertionError("pid " + pid + " never became " + comm);
            Thread.sleep(5);
        }
    }

    /** Reads a read end to its end of file; the writer has exited, so this ends. */
    private static String drain(int fd) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        StringBuilder sb = new StringBuilder();
        while (true) {
            int n = Posix.read(fd, buf, 4096);
            if (n == 0) return sb.toString();
            if (n == Posix.WOULD_BLOCK) throw new AssertionError("a writer is still open after the exit: " + sb);
            byte[] bytes = new byte[n];
            buf.get(bytes);
            sb.append(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static long threads() throws IOException {
        try (Stream<Path> t = Files.list(Path.of("/proc/self/task"))) {
            return t.count();
        }
    }
}
