package io.jpm.engine.daemon;

import io.jpm.engine.logs.RotatingLogFile;
import io.jpm.engine.process.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps daemon.log bounded. The launcher points the daemon's stdout and stderr (fds 1 and 2) at daemon.log, so
 * everything the JVM itself prints (a crash report, an uncaught exception) lands there too. Once the file passes
 * {@code maxBytes} it is renamed to {@code daemon.log.1} (older ones shift up to {@code .keep}) and a fresh
 * daemon.log is put under the same descriptors with {@code dup2}; {@link #reopen} does only the second step, for an
 * external logrotate.
 *
 * <p>Only used when fd 1 really is daemon.log: a daemon run by hand on a terminal is left alone. Thread-safe; the
 * caller flushes its own buffers (System.out) first.
 */
public final class DaemonLogFile {
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int KEEP = 5;

    private final Path path;
    private final long maxBytes;
    private final int keep;
    private final int[] fds;

    public DaemonLogFile(Path path, long maxBytes, int keep, int... fds) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes < 1: " + maxBytes);
        if (keep < 1) throw new IllegalArgumentException("keep < 1: " + keep);
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.fds = fds.clone();
    }

    /** The rotator for this process's stdout and stderr, if stdout is {@code path}. */
    public static Optional<DaemonLogFile> ofStdio(Path path) {
        Path abs;
        try {
            abs = path.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        Path stdout;
        try {
            stdout = Files.readSymbolicLink(Path.of("/proc/self/fd/1")); // not Posix: no native code at start-up
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.of(stdout).filter(abs::equals).map(p -> new DaemonLogFile(abs, MAX_BYTES, KEEP, 1, 2));
    }

    public Path path() {
        return path;
    }

    /** Rotates if the file is larger than the limit; returns whether it did. */
    public synchronized boolean rotateIfLarge() throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            size = 0; // moved away by someone else: reopen below recreates it
        }
        if (size <= maxBytes) {
            if (size == 0 && !Files.exists(path)) reopen();
            return false;
        }
        RotatingLogFile.shiftRotated(path, keep);
        Files.move(path, RotatingLogFile.rotatedPath(path, 1, false));
        reopen();
        return true;
    }

    /** Points the descriptors at whatever file is at the path now, creating it if needed. */
    public synchronized void reopen() throws IOException {
        Posix.redirect(path, fds);
    }
}
