package io.jpm.engine.internal;

import io.jpm.engine.policy.Exit;
import io.jpm.engine.policy.RestartPolicy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process slot of an app: a stable id, an instance index, the process in it now and its restart history.
 *
 * <p>Mutable, and owned by the supervisor's thread alone; nothing else reads or writes it. Values leave it as
 * snapshots.
 */
public final class Worker {
    /** One exit of one process, kept for describe. */
    public record ExitRecord(long atMs, String exit, String outcome) {}

    private static final int HISTORY = 20;

    final int id;
    final String app;
    int instance;
    WorkerStatus status = WorkerStatus.LAUNCHING;
    RunningProcess process;
    RestartPolicy.State policy = new RestartPolicy.State();
    int restarts;
    Exit lastExit;
    String reason;
    ScheduledFuture<?> pendingRestart;
    /** Set while a stop was asked for: the next exit is expected, not a crash. */
    boolean stopping;
    /** How the restart history records the current stop; null = "stopped". */
    String stopOutcome;
    /** Completed when the current stop finished. */
    CompletableFuture<Void> stopped;

    int port;
    boolean ready;
    /** The last STATUS=… that a process of this worker sent on NOTIFY_SOCKET; null if none. */
    NotifiedStatus notified;

    final Deque<ExitRecord> history = new ArrayDeque<>();
    /** Line numbers of the out and err streams; read by {@code jpm logs} under the log file's lock. */
    final AtomicLong outSeq = new AtomicLong();

    final AtomicLong errSeq = new AtomicLong();

    Worker(int id, String app, int instance) {
        this.id = id;
        this.app = app;
        this.instance = instance;
    }

    void remember(ExitRecord r) {
        if (history.size() == HISTORY) history.removeFirst();
        history.addLast(r);
    }

    List<ExitRecord> historySnapshot() {
        return List.copyOf(history);
    }

    public int id() {
        return id;
    }

    public int instance() {
        return instance;
    }

    public String app() {
        return app;
    }

    boolean running() {
        return process != null;
    }

    /** A status line a worker's process sent, as {@code sd_notify}'s STATUS=…; shown while that process runs. */
    public record NotifiedStatus(long pid, String text, long atMs) {}

    /** Records a STATUS=… sent from the tree of {@code pid}; false, and nothing recorded, if that is not its process. */
    public boolean statusFrom(long pid, String text, long atMs) {
        if (process == null || process.pid() != pid) return false;
        notified = new NotifiedStatus(pid, text, atMs);
        return true;
    }

    /** The status its current process sent, if any. */
    NotifiedStatus currentStatus() {
        return notified != null && process != null && process.pid() == notified.pid() ? notified : null;
    }
}
