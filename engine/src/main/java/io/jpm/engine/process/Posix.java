package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.jpm.ipc.ProcessState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** The few POSIX calls the JDK lacks: arbitrary signals, process groups, FIFOs and process start times. */
public final class Posix {
    private interface CLib extends Library {
        String strerror(int errno);

        int kill(int pid, int sig);

        int getpgid(int pid);

        // Paths go as NUL-terminated byte arrays, which JNA copies for the call alone; a String argument costs a
        // native block freed only by the collection that finds it dead (one per FIFO, two per spawn).
        int mkfifo(byte[] path, int mode);

        int fcntl(int fd, int cmd, int arg);

        int open(byte[] path, int flags, int mode);

        int dup2(int from, int to);

        int close(int fd);

        long read(int fd, ByteBuffer buffer, long count);
    }

    private static final int O_RDONLY = 0;
    private static final int O_NONBLOCK = 04000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;

    /** What {@link #read} returns when a non-blocking descriptor has nothing to read now. */
    public static final int WOULD_BLOCK = -1;

    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int O_CLOEXEC = 02000000;

    private static final CLib C = Native.load("c", CLib.class);

    /** An errno in the C library's words, with its number: "Too many open files (errno 24)". */
    public static String errorText(int errno) {
        return C.strerror(errno) + " (errno " + errno + ")";
    }

    /** Linux signal numbers by name (without the SIG prefix). */
    private static final Map<String, Integer> SIGNALS = Map.ofEntries(
            Map.entry("HUP", 1),
            Map.entry("INT", 2),
            Map.entry("QUIT", 3),
            Map.entry("ILL", 4),
            Map.entry("TRAP", 5),
            Map.entry("ABRT", 6),
            Map.entry("BUS", 7),
            Map.entry("FPE", 8),
            Map.entry("KILL", 9),
            Map.entry("USR1", 10),
            Map.entry("SEGV", 11),
            Map.entry("USR2", 12),
            Map.entry("PIPE", 13),
            Map.entry("ALRM", 14),
            Map.entry("TERM", 15),
            Map.entry("CHLD", 17),
            Map.entry("CONT", 18),
            Map.entry("STOP", 19),
            Map.entry("TSTP", 20),
            Map.entry("TTIN", 21),
            Map.entry("TTOU", 22),
            Map.entry("URG", 23),
            Map.entry("XCPU", 24),
            Map.entry("XFSZ", 25),
            Map.entry("VTALRM", 26),
            Map.entry("PROF", 27),
            Map.entry("WINCH", 28),
            Map.entry("IO", 29),
            Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    private Posix() {}

    /** The number of a signal given as "SIGTERM", "TERM" or "15". */
    public static int signalNumber(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.chars().allMatch(Character::isDigit) && !n.isEmpty()) {
            int v = Integer.parseInt(n);
            if (v >= 1 && v <= 64) return v;
            throw new IllegalArgumentException("not a signal: " + name);
        }
        if (n.startsWith("SIG")) n = n.substring(3);
        Integer v = SIGNALS.get(n);
        if (v == null) throw new IllegalArgumentException("not a signal: " + name);
        return v;
    }

    /** The name of a signal number, like "SIGKILL". */
    public static String signalName(int number) {
        for (var e : SIGNALS.entrySet()) if (e.getValue() == number) return "SIG" + e.getKey();
        return "SIG" + number;
    }

    /** Sends a signal; returns false if the process (or group, for a negative pid) does not exist. */
    public static boolean kill(long pid, int signal) {
        return C.kill((int) pid, signal) == 0;
    }

    public static long processGroup(long pid) {
        return C.getpgid((int) pid);
    }

    /** {@code path} as the NUL-terminated UTF-8 bytes C reads. */
    private static byte[] cPath(Path path) {
        byte[] utf8 = path.toString().getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(utf8, utf8.length + 1);
    }

    public static void mkfifo(Path path) throws IOException {
        if (C.mkfifo(cPath(path), 0600) != 0 && !Files.exists(path)) {
            throw new IOException("mkfifo failed for " + path + ": " + errorText(Native.getLastError()));
        }
    }

    /**
     * Points file descriptors {@code targets} at {@code path}, opened for appending (created 0600), as a shell's
     * {@code >>path} would: whatever writes to those descriptors afterwards, the JVM included, lands in the file.
     */
    public static void redirect(Path path, int... targets) throws IOException {
        int fd = C.open(cPath(path), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0) throw new IOException("cannot open " + path + ": " + errorText(Native.getLastError()));
        try {
            for (int t : targets) {
                if (C.dup2(fd, t) < 0) {
                    throw new IOException("dup2 to fd " + t + " failed (errno " + Native.getLastError() + ")");
                }
            }
        } finally {
            C.close(fd);
        }
    }

    /** Opens a file (such as a FIFO) for reading without blocking, neither in the open nor in later reads. */
    public static int openNonBlocking(Path path) throws IOException {
        int fd = C.open(cPath(path), O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd < 0) throw new IOException("cannot open " + path + ": " + errorText(Native.getLastError()));
        return fd;
    }

    /**
     * Reads up to {@code count} bytes into a direct buffer at position 0 and sets its limit to what was read.
     * Returns the byte count, 0 at end of stream, or {@link #WOULD_BLOCK}; a read interrupted by a signal is retried.
     */
    public static int read(int fd, ByteBuffer direct, int count) throws IOException {
        if (!direct.isDirect() || direct.capacity() < count) {
            throw new IllegalArgumentException("need a direct buffer of " + count);
        }
        direct.clear();
        while (true) {
            long n = C.read(fd, direct, count);
            if (n >= 0) {
                direct.clear().limit((int) n);
                return (int) n;
            }
            int errno = Native.getLastError();
            if (errno == EAGAIN) return WOULD_BLOCK;
            if (errno != EINTR) throw new IOException("read of fd " + fd + " failed (errno " + errno + ")");
        }
    }

    public static void close(int fd) {
        C.close(fd);
    }

    /** The file a descriptor of this process refers to, from /proc/self/fd; empty if unknown. */
    public static java.util.Optional<Path> fileOf(int fd) {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(fd))));
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }

    /** A close-on-exec copy of {@code fd} at the lowest free number at or above {@code floor} (F_DUPFD_CLOEXEC). */
    public static int dupAbove(int fd, int floor) throws IOException {
        int copy = C.fcntl(fd, 1030, floor);
        if (copy < 0) throw new IOException("cannot copy fd " + fd + " (errno " + Native.getLastError() + ")");
        return copy;
    }

    /**
     * Marks every descriptor of this process from {@code floor} up close-on-exec (a sweep of /proc/self/fd), for a
     * libc that cannot close them in a spawned child. The JVM opens its files, sockets and pipes without
     * {@code O_CLOEXEC}, relying on its own launcher to close them.
     */
    public static void closeOnExecFrom(int floor) {
        try (var fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                int fd = Integer.parseInt(p.getFileName().toString());
                if (fd >= floor) C.fcntl(fd, 2, 1); // F_SETFD, FD_CLOEXEC
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: the descriptors stay as they are
        }
    }

    /** Grows a pipe's kernel buffer (F_SETPIPE_SZ); best effort. */
    public static void growPipe(int fd, int bytes) {
        C.fcntl(fd, 1031, bytes);
    }

    /**
     * The start time of a process in clock ticks since boot, from /proc/PID/stat, which together with the pid
     * identifies a process across pid reuse.
     */
    public static OptionalLong startTicks(long pid) {
        String[] fields = ProcessState.statFields(pid);
        try {
            return fields.length > 22 - 3 ? OptionalLong.of(Long.parseLong(fields[22 - 3])) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public static long ticksToMillis(long ticks) {
        return ticks * 1000 / CLOCK_TICKS;
    }

    /** The environment of a process of the same user, from /proc/PID/environ; empty if unreadable. */
    public static Map<String, String> environment(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            var env = new java.util.HashMap<String, String>();
            int start = 0;
            for (int i = 0; i <= raw.length; i++) {
                if (i == raw.length || raw[i] == 0) {
                    if (i > start) {
                        String kv = new String(raw, start, i - start, StandardCharsets.UTF_8);
                        int eq = kv.indexOf('=');
                        if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    start = i + 1;
                }
            }
            return env;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
