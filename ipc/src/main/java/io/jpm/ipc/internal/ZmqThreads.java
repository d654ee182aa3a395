package io.jpm.ipc.internal;

import java.util.function.Consumer;
import org.zeromq.ZContext;

/**
 * The threads of a server's ZeroMQ context: JeroMQ's own (I/O, reaper) and the socket owners that share their risk
 * get a stack of their own size, and the context is terminated within a limit.
 *
 * <p>Why: a PUB socket keeps its subscriptions in a trie that JeroMQ 0.6 walks recursively, one frame per byte,
 * when a subscriber leaves; its socket owner and its reaper run that walk. Under the daemon's small default stack
 * ({@code -Xss256k}) a 1 KiB subscription overflowed both; with the reaper dead the context's termination waited
 * forever and {@code jpm kill} hung. The stack is reserved, not committed: only a deep walk touches its pages.
 */
public final class ZmqThreads {
    /** Enough for the deepest subscription a server admits (1 KiB) in interpreted code, several times over. */
    public static final long STACK_BYTES = 2L * 1024 * 1024;

    private ZmqThreads() {}

    /**
     * Makes {@code context} create its threads (daemon threads, with {@link #STACK_BYTES}) and report a thread that
     * dies to {@code log} in one line. Call before its first socket.
     */
    public static void configure(ZContext context, Consumer<String> log) {
        Thread.UncaughtExceptionHandler died = (t, e) -> log.accept("ZeroMQ thread " + t.getName() + " died: " + e);
        context.setUncaughtExceptionHandler(died);
        context.setThreadFactor((task, name) -> { // sic: JeroMQ 0.6 spells it so
            Thread t = newThread(task, name);
            t.setUncaughtExceptionHandler(died);
            return t;
        });
    }

    /** A daemon thread with {@link #STACK_BYTES}, for a socket owner of such a context; not started. */
    public static Thread newThread(Runnable task, String name) {
        Thread t = new Thread(null, task, name, STACK_BYTES);
        t.setDaemon(true);
        return t;
    }

    /**
     * Closes {@code context} (its sockets, then its termination) on a thread of its own and waits at most
     * {@code timeoutMs} for it. Returns false when it did not end in time; that thread is then left waiting, and
     * goes with the process.
     */
    public static boolean closeWithin(ZContext context, long timeoutMs) {
        Thread closer = new Thread(context::close, "jpm-zmq-term");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !closer.isAlive();
    }
}
