package io.jpm.engine.process;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts a worker process in its own session (so its tree can be signalled as a group and it outlives the daemon),
 * with stdin from /dev/null and stdout and stderr going into two FIFOs.
 *
 * <p>Why FIFOs and not plain pipes: if the daemon dies, a plain pipe loses its reader and the worker's next write
 * kills it with SIGPIPE. Here the worker also holds a read end of its own FIFOs (fds 3 and 4), so a write never
 * fails: it fills the kernel buffer and then waits until the next daemon opens the FIFOs by path and reads on. The
 * daemon reads with a non-blocking read-only end, which sees end-of-file once every writer (the worker and any child
 * that inherited its stdout) has gone.
 *
 * <p>The daemon's read end is always opened while this class holds a writer on the FIFO: a FIFO opened for reading
 * with no writer present would never report a hang-up to epoll, and a dead worker's stream would then never end.
 */
public final class Spawner {
    /** The command line that opens the read ends, then becomes the worker: {@code sh -c SCRIPT jpm OUT ERR argv…}. */
    private static final String WRAPPER = "exec 3<\"$1\" 4<\"$2\"; shift 2; exec \"$@\"";

    /** A started process and the non-blocking read ends (file descriptors) of its output; the caller closes them. */
    public record Spawned(Process process, long pid, long startTicks, int stdout, int stderr) {}

    private Spawner() {}

    public static Spawned spawn(List<String> command, Path cwd, Map<String, String> env, Path outFifo, Path errFifo)
            throws IOException {
        Objects.requireNonNull(command, "command");
        Posix.mkfifo(outFifo);
        Posix.mkfifo(errFifo);
        List<String> argv = new ArrayList<>(
                List.of("setsid", "/bin/sh", "-c", WRAPPER, "jpm-worker", outFifo.toString(), errFifo.toString()));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(outFifo.toFile());
        pb.redirectError(errFifo.toFile());
        // Hold a writer on each FIFO while opening, so that no open below blocks.
        try (RandomAccessFile holdOut = new RandomAccessFile(outFifo.toFile(), "rw");
                RandomAccessFile holdErr = new RandomAccessFile(errFifo.toFile(), "rw")) {
            Process p = pb.start();
            int[] fds;
            try {
                fds = openReadEnds(outFifo, errFifo);
            } catch (IOException e) {
                p.destroyForcibly(); // its output could go nowhere; it is a fresh process in its own session
                throw e;
            }
            long ticks = Posix.startTicks(p.pid()).orElse(-1);
            return new Spawned(p, p.pid(), ticks, fds[0], fds[1]);
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

    private static int[] openReadEnds(Path outFifo, Path errFifo) throws IOException {
        int out = Posix.openNonBlocking(outFifo);
        try {
            return new int[] {out, Posix.openNonBlocking(errFifo)};
        } catch (IOException e) {
            Posix.close(out);
            throw e;
        }
    }
}
