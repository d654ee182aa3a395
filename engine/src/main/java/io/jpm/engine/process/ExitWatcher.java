package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.jpm.engine.policy.Exit;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reaps the daemon's child processes and reports how each ended, with one pidfd per child in one epoll set, on one
 * thread ("jpm-exits") for all of them, where the JDK would run a reaper thread per process.
 *
 * <p>Threading: {@link #watch} may be called from any thread; the returned futures complete on the watcher's thread,
 * so whoever depends on them hands the work on rather than doing it there. A pidfd also pins its pid: until the child
 * is reaped here, no other process can take its number, so a signal sent by pid while the future is pending cannot
 * reach a stranger. Needs Linux 5.4 ({@code pidfd_open} came in 5.3, {@code waitid(P_PIDFD)} in 5.4).
 */
public final class ExitWatcher implements AutoCloseable {
    private interface Lib extends Library {
        int syscall(long number, int pid, int flags);

        int waitid(int idType, int id, Pointer info, int options);

        int waitpid(int pid, Pointer status, int options);

        int eventfd(int initial, int flags);

        long write(int fd, byte[] buffer, long count);

        int close(int fd);
    }

    private static final Lib C = Native.load("c", Lib.class);

    /** pidfd_open's number is the same on x86-64 and aarch64 (the generic table). */
    private static final long SYS_PIDFD_OPEN = 434;

    private static final int P_PIDFD = 3;
    private static final int WEXITED = 4;
    private static final int WNOHANG = 1;
    private static final int CLD_EXITED = 1;
    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;
    private static final int ECHILD = 10;
    /** siginfo_t is 128 bytes; for SIGCHLD, si_code is at 8, si_pid at 16 and si_status at 24 on 64-bit Linux. */
    private static final int SIGINFO_SIZE = 128;

    private static final long WAKE = -1;

    private static volatile ExitWatcher shared;

    private final Epoll epoll;
    private final int wake;
    private final Memory info = new Memory(SIGINFO_SIZE);
    /** The children being watched, by pidfd; written by callers of {@link #watch} and by the watcher's thread. */
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

    private final Thread thread;
    private volatile boolean closed;

    private record Pending(long pid, CompletableFuture<Exit> exit) {}

    public ExitWatcher() throws IOException {
        this.epoll = new Epoll(64);
        this.wake = C.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (wake < 0) {
            epoll.close();
            throw new IOException("eventfd failed (errno " + Native.getLastError() + ")");
        }
        epoll.add(wake, WAKE);
        this.thread = Thread.ofPlatform().name("jpm-exits").daemon().unstarted(this::run);
        thread.start();
    }

    /** The daemon's watcher, started on first use and running for the life of the JVM. */
    public static ExitWatcher shared() throws IOException {
        ExitWatcher w = shared;
        if (w != null) return w;
        synchronized (ExitWatcher.class) {
            if (shared == null) shared = new ExitWatcher();
            return shared;
        }
    }

    /**
     * Watches a child of this process; the future completes once it has ended and been reaped. Only for children:
     * a pidfd of another process would report its end, but only its parent can read the exit status.
     */
    public CompletableFuture<Exit> watch(long pid) throws IOException {
        if (closed) throw new IOException("exit watcher closed");
        int pidfd = C.syscall(SYS_PIDFD_OPEN, (int) pid, 0);
        if (pidfd < 0) throw new IOException("pidfd_open " + pid + " failed (errno " + Native.getLastError() + ")");
        CompletableFuture<Exit> exit = new CompletableFuture<>();
        pending.put(pidfd, new Pending(pid, exit));
        try {
            epoll.add(pidfd, pidfd);
        } catch (IOException e) {
            pending.remove(pidfd);
            C.close(pidfd);
            throw e;
        }
        return exit;
    }

    /** Waits for a child that is not watched (one just killed because it could not be) and reaps it. */
    static void reapNow(long pid) {
        C.waitpid((int) pid, Pointer.NULL, 0);
    }

    /** How many children are being watched now. */
    public int watching() {
        return pending.size();
    }

    private void run() {
        while (!closed) {
            try {
                int n = epoll.await(-1);
                for (int i = 0; i < n; i++) {
                    long token = epoll.token(i);
                    if (token != WAKE) reap((int) token);
                }
            } catch (Exception e) {
                System.err.println("jpm-exits: " + e); // never dies silently; the loop goes on
            }
        }
    }

    /** Reaps the child behind a ready pidfd and completes its future; called on the watcher's thread only. */
    private void reap(int pidfd) {
        Pending p = pending.get(pidfd);
        if (p == null) return;
        info.clear();
        Exit exit;
        if (C.waitid(P_PIDFD, pidfd, info, WEXITED | WNOHANG) == 0) {
            if (info.getInt(16) == 0) return; // not ended after all (a spurious wake-up): keep watching
            int code = info.getInt(8);
            int status = info.getInt(24);
            exit = code == CLD_EXITED ? Exit.code(status & 0xFF) : Exit.signal(Posix.signalName(status));
        } else {
            int errno = Native.getLastError();
            if (errno != ECHILD) return;
            exit = Exit.signal("unknown"); // reaped by someone else: the status is gone
        }
        pending.remove(pidfd);
        epoll.remove(pidfd);
        C.close(pidfd);
        p.exit().complete(exit);
    }

    /** Stops the thread; children still watched are neither reaped nor reported. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        C.write(wake, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
        thread.join(5_000);
        for (int fd : pending.keySet()) C.close(fd);
        pending.clear();
        epoll.close();
        C.close(wake);
    }
}
