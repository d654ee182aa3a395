package io.jpm.engine.process;

import io.jpm.engine.config.ExecutableLookup;
import io.jpm.engine.policy.Exit;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a worker process in its own session (so its tree can be signalled as a group and it outlives the daemon),
 * with stdin from /dev/null and stdout and stderr going into two FIFOs: one {@code posix_spawn}, one exec of the
 * program itself, and its exit reaped by the {@link ExitWatcher}.
 *
 * <p>Why FIFOs and not plain pipes: if the daemon dies, a plain pipe loses its reader and the worker's next write
 * kills it with SIGPIPE. Here the worker also holds a read end of its own FIFOs (the two descriptors after the
 * passed ones: 3 and 4 when none are passed), so a write never fails: it fills the kernel buffer and then waits until
 * the next daemon opens the FIFOs by path and reads on. The daemon reads with a non-blocking read-only end, which sees
 * end-of-file once every writer (the worker and any child that inherited its stdout) has gone.
 *
 * <p>The daemon's read end is always opened while this class holds a writer on the FIFO: a FIFO opened for reading
 * with no writer present would never report a hang-up to epoll, and a dead worker's stream would then never end. The
 * child opens its own ends of the FIFOs in its file actions, while this class holds a reader and a writer on each, so
 * none of those opens blocks.
 *
 * <p>Passed descriptors (socket activation, systemd's protocol): they land at 3, 4, … in the child, with
 * {@code LISTEN_FDS} set to their count. {@code LISTEN_PID} must be the worker's own pid, which the spawner cannot know
 * before the child exists, and posix_spawn gives no hook between fork and exec. So a worker that gets descriptors
 * starts as {@code /bin/sh -c 'LISTEN_PID=$$; export LISTEN_PID; exec "$@"'}: one more exec, paid only by apps that
 * ask for socket activation, and the program sees its absolute path as argv[0]. Every other worker is the program,
 * exec'd once. Without socket activation (node's IPC channel, {@code NODE_CHANNEL_FD=3}), the descriptors land at 3,
 * 4, … the same way, with no variables and no prefix.
 *
 * <p>Nothing else of the daemon's leaks into the child, although the JVM opens its files and sockets without
 * {@code O_CLOEXEC} (its own launcher closes them): every descriptor above the worker's last one is closed in the
 * child before the exec (glibc 2.34's {@code addclosefrom_np}). With an older glibc the daemon's descriptors are
 * marked close-on-exec before each spawn instead, and one that another thread opens in that instant can leak. The working folder is set by the child ({@code addchdir_np}, glibc 2.29), else by a {@code cd} in a
 * {@code /bin/sh} prefix as for socket activation.
 */
public final class Spawner {
    /** The shell prefix for a folder without addchdir_np: {@code sh -c SCRIPT jpm-worker DIR argv…}. */
    private static final String CD = "cd \"$1\" || exit 127; shift; exec \"$@\"";
    /** The same, also setting LISTEN_PID to the shell's pid, which the exec hands on to the program. */
    private static final String CD_LISTEN =
            "cd \"$1\" || exit 127; shift; LISTEN_PID=$$; export LISTEN_PID; exec \"$@\"";

    /**
     * A started process: its pid and start time (its identity for a later daemon), the non-blocking read ends (file
     * descriptors) of its output, which the caller closes, and how it ends, reported once it has been reaped (the
     * future completes on the exit watcher's thread).
     */
    public record Spawned(
            long pid, long startTicks, ProcessHandle handle, int stdout, int stderr, CompletableFuture<Exit> exit) {
        public Spawned {
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(exit, "exit");
        }
    }

    private Spawner() {}

    public static Spawned spawn(List<String> command, Path cwd, Map<String, String> env, Path outFifo, Path errFifo)
            throws IOException {
        return spawn(command, cwd, env, outFifo, errFifo, List.of());
    }

    /**
     * Starts {@code command} with exactly {@code env} in {@code cwd}; {@code passFds} (descriptors of this process)
     * are placed at 3, 4, … in the child for socket activation. A program that cannot be started is an
     * {@link IOException} with a one-line message, and no process is left behind.
     */
    public static Spawned spawn(
            List<String> command, Path cwd, Map<String, String> env, Path outFifo, Path errFifo, List<Integer> passFds)
            throws IOException {
        return spawn(command, cwd, env, outFifo, errFifo, passFds, passFds.size());
    }

    /**
     * As above; only the first {@code listenFds} descriptors are announced with systemd's protocol
     * ({@code LISTEN_FDS}); the rest, such as node's IPC channel, follow them without it. With 0 there is no
     * {@code LISTEN_FDS} and no shell prefix.
     */
    public static Spawned spawn(
            List<String> command,
            Path cwd,
            Map<String, String> env,
            Path outFifo,
            Path errFifo,
            List<Integer> passFds,
            int listenFds)
            throws IOException {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        if (!Files.isDirectory(cwd)) throw new IOException("working folder not found: " + cwd);
        String program = resolve(command.get(0), env);
        ExitWatcher watcher = ExitWatcher.shared();
        Posix.mkfifo(outFifo);
        Posix.mkfifo(errFifo);
        int n = passFds.size();
        Exec exec = Exec.of(command, program, cwd, env, listenFds);
        int[] sources = new int[n];
        try (RandomAccessFile holdOut = new RandomAccessFile(outFifo.toFile(), "rw");
                RandomAccessFile holdErr = new RandomAccessFile(errFifo.toFile(), "rw")) {
            // copies of the passed descriptors above every target, so that no dup2 overwrites a source first
            for (int i = 0; i < n; i++) sources[i] = Posix.dupAbove(passFds.get(i), 3 + n + 2);
            List<PosixSpawn.Action> actions = actions(outFifo, errFifo, sources, exec.wrapped() ? null : cwd);
            long pid = start(exec.path(), exec.argv(), exec.env(), actions);
            // The child is ours and not yet reaped (the watcher has not seen it), so its pid and /proc entry hold: a
            // failure from here on is the daemon's own (out of descriptors: the child needs none, as posix_spawn
            // closes each target before opening it), and the child is killed, never left running unwatched.
            ProcessHandle handle;
            long ticks;
            CompletableFuture<Exit> exit;
            try {
                handle = ProcessHandle.of(pid).orElseThrow(() -> unreadable(pid));
                ticks = Posix.startTicks(pid).orElse(-1);
                exit = watcher.watch(pid);
            } catch (IOException | RuntimeException e) {
                Posix.kill(pid, 9);
                ExitWatcher.reapNow(pid);
                throw e;
            }
            int[] fds;
            try {
                fds = openReadEnds(outFifo, errFifo);
            } catch (IOException e) {
                Posix.kill(pid, 9); // its output could go nowhere; the watcher reaps it
                throw e;
            }
            return new Spawned(pid, ticks, handle, fds[0], fds[1], exit);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(outFifo);
            deleteQuietly(errFifo);
            throw e;
        } finally {
            for (int i = 0; i < n; i++) if (sources[i] > 0) Posix.close(sources[i]);
        }
    }

    /** Why this process cannot see its own child {@code pid}: the error of reading its /proc entry. */
    private static IOException unreadable(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try (var in = Files.newInputStream(stat)) {
            return new IOException("cannot read " + stat);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
            return new IOException("cannot read " + stat + ": " + why);
        }
    }

    /** What to exec: the program itself, or a sh prefix that sets LISTEN_PID or the folder first, then execs it. */
    private record Exec(String path, List<String> argv, Map<String, String> env, boolean wrapped) {
        static Exec of(List<String> command, String program, Path cwd, Map<String, String> env, int passed) {
            Map<String, String> childEnv = env;
            if (passed > 0) {
                childEnv = new HashMap<>(env);
                childEnv.put("LISTEN_FDS", Integer.toString(passed));
                childEnv.remove("LISTEN_PID");
            }
            if (passed == 0 && PosixSpawn.canChdir()) return new Exec(program, command, childEnv, false);
            List<String> argv = new ArrayList<>(
                    List.of("/bin/sh", "-c", passed > 0 ? CD_LISTEN : CD, "jpm-worker", cwd.toString(), program));
            argv.addAll(command.subList(1, command.size()));
            return new Exec("/bin/sh", argv, childEnv, true);
        }
    }

    /**
     * The child's descriptors: stdin from /dev/null, stdout and stderr into the FIFOs, the passed descriptors at 3..,
     * the worker's own read ends of its FIFOs after them, then the folder ({@code cwd}, unless null) and nothing else.
     */
    private static List<PosixSpawn.Action> actions(Path outFifo, Path errFifo, int[] passed, Path cwd) {
        int readEnds = 3 + passed.length;
        List<PosixSpawn.Action> actions = new ArrayList<>();
        actions.add(new PosixSpawn.Open(0, Path.of("/dev/null"), PosixSpawn.O_RDONLY));
        actions.add(new PosixSpawn.Open(1, outFifo, PosixSpawn.O_WRONLY));
        actions.add(new PosixSpawn.Open(2, errFifo, PosixSpawn.O_WRONLY));
        for (int i = 0; i < passed.length; i++) actions.add(new PosixSpawn.Dup(passed[i], 3 + i));
        actions.add(new PosixSpawn.Open(readEnds, outFifo, PosixSpawn.O_RDONLY));
        actions.add(new PosixSpawn.Open(readEnds + 1, errFifo, PosixSpawn.O_RDONLY));
        if (cwd != null) actions.add(new PosixSpawn.Chdir(cwd));
        if (PosixSpawn.canCloseFrom()) actions.add(new PosixSpawn.CloseFrom(readEnds + 2));
        else Posix.closeOnExecFrom(3);
        return actions;
    }

    /** Spawns {@code path}; an executable text file without a #! line runs with sh, as execvp and a shell would. */
    private static long start(String path, List<String> argv, Map<String, String> env, List<PosixSpawn.Action> actions)
            throws IOException {
        try {
            return PosixSpawn.spawn(path, argv, env, actions);
        } catch (PosixSpawn.Failed e) {
            if (e.errno != PosixSpawn.ENOEXEC) throw e;
            List<String> viaSh = new ArrayList<>(List.of("/bin/sh", path));
            viaSh.addAll(argv.subList(1, argv.size()));
            return PosixSpawn.spawn("/bin/sh", viaSh, env, actions);
        }
    }

    /** Reopens the output FIFOs of a worker that an earlier daemon started: its stdout and stderr read ends. */
    public static int[] reopen(Path outFifo, Path errFifo) throws IOException {
        if (!Files.exists(outFifo) || !Files.exists(errFifo)) throw new IOException("no FIFO at " + outFifo);
        try (RandomAccessFile holdOut = new RandomAccessFile(outFifo.toFile(), "rw");
                RandomAccessFile holdErr = new RandomAccessFile(errFifo.toFile(), "rw")) {
            return openReadEnds(outFifo, errFifo);
        }
    }

    /** The program to exec: a path as given, or a bare name looked up on the PATH of the worker's environment. */
    private static String resolve(String name, Map<String, String> env) throws IOException {
        if (name.contains("/")) return name;
        return ExecutableLookup.onPath()
                .find(name, env)
                .map(Path::toString)
                .orElseThrow(() -> new IOException(name + ": not found on the PATH"));
    }

    private static int[] openReadEnds(Path outFifo, Path errFifo) throws IOException {
        int out = Posix.openNonBlocking(outFifo);
        try {
            return new int[] {out, Posix.openNonBlocking(errFifo)};
        } catch (IOException e) {
            Posix.close(out);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a FIFO left behind is cleared with the run folder
        }
    }
}
