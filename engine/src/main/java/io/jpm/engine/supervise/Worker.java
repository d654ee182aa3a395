package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterProcess;
import io.jpm.engine.cluster.ClusterWorker;
import io.jpm.engine.health.HealthState;
import io.jpm.engine.health.ProbeReport;
import io.jpm.engine.policy.Exit;
import io.jpm.engine.policy.RestartPolicy;
import io.jpm.ipc.wire.WorkerStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process slot of an app: a stable id, an instance index, the process in it now and its restart history. Its
 * state changes only through the transition methods below, each of which checks the state it starts from; the
 * restart counter is written in one place ({@link #countRestart}).
 *
 * <p>Owned by the supervisor's thread alone, except the two line counters, which the log reader advances under the
 * log file's lock. Values leave it as snapshots.
 *
 * <p>It is long because it is the one owner of a slot's state: each transition (started, adopted, replaced, stop
 * requested, exited, failed check, reset) checks the state it starts from next to the fields it writes, so that no
 * other class writes them; splitting it would hand those fields out again.
 */
public final class Worker implements ClusterWorker {
    /** One exit of one process, kept for describe. */
    public record ExitRecord(long atMs, String exit, String outcome) {}

    /** A status line a worker's process sent, as {@code sd_notify}'s {@code STATUS=…}, and when (epoch ms). */
    public record NotifiedStatus(long pid, String text, long atMs) {}

    /**
     * A check that failed for the current process (liveness probe, watchdog), which the daemon is ending: its exit
     * goes to the restart policy as a failed check.
     *
     * @param reason the check's name ({@code liveness}, {@code watchdog}), the reason of the restart event
     * @param why what failed, for the history and the errored reason
     * @param neverPassed the check never passed in this process's run
     */
    public record FailedCheck(String reason, String why, boolean neverPassed) {}

    /**
     * What the health probes of a process say (set by the {@link HealthGuard}), and of which pid; a probe the app
     * does not have is null.
     */
    public record Health(long pid, ProbeReport liveness, ProbeReport readiness) {
        public HealthState state() {
            return HealthState.of(
                    liveness == null ? HealthState.HEALTHY : liveness.state(),
                    readiness == null ? HealthState.HEALTHY : readiness.state());
        }

        /** Whether the readiness probe, if there is one, passes. */
        public boolean readinessPassed() {
            return readiness == null || readiness.state() == HealthState.HEALTHY;
        }

        public List<ProbeReport> probes() {
            return java.util.stream.Stream.of(liveness, readiness)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }
    }

    /** A stop in progress: how the restart history records it, and what completes when the tree is gone. */
    private record Stop(String outcome, CompletableFuture<Void> done) {}

    private static final int HISTORY = 20;

    private final int id;
    private final String app;
    private final int instance;
    private WorkerStatus status = WorkerStatus.LAUNCHING;
    private RunningProcess process;
    private RestartPolicy.State restartState = new RestartPolicy.State();
    private int restarts;
    private Exit lastExit;
    private String reason;
    private ScheduledFuture<?> pendingRestart;
    /** Non-null exactly while a stop that was asked for is in progress: the next exit is expected, not a crash. */
    private Stop stop;

    private int port;
    private boolean ready;
    /** Set while the daemon ends the current process because a check failed; null otherwise. */
    private FailedCheck failedCheck;
    /** The probes' latest word on a process of this worker; null before any. */
    private Health health;
    /** The pid of the process of this worker that sent READY=1 (wait_ready in fork mode); 0 if none did. */
    private long readyPid;
    /** The last STATUS=… that a process of this worker sent on NOTIFY_SOCKET; null if none. */
    private NotifiedStatus notified;

    private final Deque<ExitRecord> history = new ArrayDeque<>();
    /** Line numbers of the out and err streams; advanced by the log reader and read by {@code jpm logs}. */
    private final AtomicLong outSeq = new AtomicLong();

    private final AtomicLong errSeq = new AtomicLong();
    /** Lines a full disk refused; advanced by the log reader's thread. */
    private final AtomicLong unwrittenLines = new AtomicLong();

    Worker(int id, String app, int instance) {
        this.id = id;
        this.app = app;
        this.instance = instance;
    }

    // ---- transitions -------------------------------------------------------------------------------------------

    /** {@code p} started for this worker at {@code nowNanos} and is its current process. */
    void started(RunningProcess p, RestartPolicy policy, long nowNanos) {
        cancelPendingRestart();
        process = p;
        failedCheck = null;
        stop = null;
        status = WorkerStatus.ONLINE;
        reason = null;
        policy.onStart(restartState, nowNanos);
    }

    /** A process a previous daemon started is this worker's current one again. */
    void adopted(RunningProcess p, RestartPolicy policy, long nowNanos) {
        process = p;
        status = WorkerStatus.ONLINE;
        policy.onStart(restartState, nowNanos);
    }

    /** No process could be started for this worker. */
    void failedToStart(String why) {
        cancelPendingRestart();
        process = null;
        status = WorkerStatus.ERRORED;
        reason = why;
    }

    /** A restart the user or the memory guard asked for: the next start replaces a process. */
    void restartRequested() {
        countRestart();
    }

    /** A reload's new process replaces the current one, with a fresh restart history; returns the old one. */
    RunningProcess replacedBy(RunningProcess fresh, RestartPolicy policy, long nowNanos) {
        RunningProcess old = process;
        process = fresh;
        restartState = new RestartPolicy.State();
        policy.onStart(restartState, nowNanos);
        countRestart();
        status = WorkerStatus.ONLINE;
        return old;
    }

    /**
     * A stop is asked for, recorded in the history as {@code outcome} ("stopped" when null). True when a new stop
     * begins and the caller must signal the tree; false when there is no process (the worker is stopped now) or a
     * stop is already under way. Either way {@link #stopDone} says when it ends.
     */
    boolean stopRequested(String outcome) {
        cancelPendingRestart();
        if (process == null) {
            status = WorkerStatus.STOPPED;
            return false;
        }
        if (stop != null) return false;
        stop = new Stop(outcome == null ? "stopped" : outcome, new CompletableFuture<>());
        status = WorkerStatus.STOPPING;
        return true;
    }

    /** True while a stop that was asked for is in progress. */
    boolean stopping() {
        return stop != null;
    }

    /** Completes when the stop in progress has ended; already complete when none is. */
    CompletableFuture<Void> stopDone() {
        return stop == null ? CompletableFuture.completedFuture(null) : stop.done();
    }

    /**
     * The current process exited while a stop was asked for: the worker is stopped. Returns the stop's future, which
     * the caller completes once the rest of the tree is gone.
     */
    CompletableFuture<Void> exitedWhileStopping(Exit exit, RestartPolicy policy, long nowNanos, long nowMs) {
        if (stop == null) throw new IllegalStateException("worker " + id + " exited while not stopping");
        Stop s = stop;
        ended(exit, policy, nowNanos);
        remember(new ExitRecord(nowMs, exit.describe(), s.outcome()));
        stop = null;
        status = WorkerStatus.STOPPED;
        return s.done();
    }

    /** The current process exited on its own: the policy decides what comes next, and the worker takes that state. */
    RestartPolicy.Decision exited(Exit exit, RestartPolicy policy, long nowNanos, long nowMs) {
        if (stop != null) throw new IllegalStateException("worker " + id + " is stopping");
        RestartPolicy.Decision d = ended(exit, policy, nowNanos);
        switch (d) {
            case RestartPolicy.Restart r -> {
                if (r.delayMs() == 0) countRestart(); // a delayed one counts when it happens (restartDue), as PM2's
                remember(new ExitRecord(
                        nowMs,
                        exit.describe(),
                        failedCheck == null ? "restarted" : "restarted (" + failedCheck.why() + ")"));
                if (r.delayMs() > 0) status = WorkerStatus.WAITING_RESTART;
            }
            case RestartPolicy.Stop s -> {
                status = WorkerStatus.STOPPED;
                reason = s.reason();
                remember(new ExitRecord(nowMs, exit.describe(), "stopped"));
            }
            case RestartPolicy.Errored e -> {
                status = WorkerStatus.ERRORED;
                reason = e.reason();
                remember(new ExitRecord(
                        nowMs,
                        exit.describe(),
                        failedCheck == null ? "errored" : "errored (" + failedCheck.why() + ")"));
            }
        }
        return d;
    }

    private RestartPolicy.Decision ended(Exit exit, RestartPolicy policy, long nowNanos) {
        if (process == null) throw new IllegalStateException("worker " + id + " has no process to exit");
        process = null;
        lastExit = exit;
        if (failedCheck != null && stop == null) {
            return policy.onFailedCheck(restartState, exit, failedCheck.why(), failedCheck.neverPassed(), nowNanos);
        }
        return policy.onExit(restartState, exit, nowNanos);
    }

    /**
     * A check of the current process failed and the daemon ends it; its exit goes to the restart policy as a failed
     * check. False, and nothing changes, when there is no process, a stop is under way or a failed check already is.
     */
    boolean checkFailed(FailedCheck check) {
        if (process == null || stop != null || failedCheck != null) return false;
        failedCheck = check;
        return true;
    }

    /** The failed check that ended (or is ending) the latest process, or null when none did. */
    public FailedCheck failedCheck() {
        return failedCheck;
    }

    /** The probes' word on a process of this worker. */
    void healthReported(Health h) {
        health = h;
    }

    /** A delayed restart was scheduled; a later start or stop cancels it. */
    void restartScheduled(ScheduledFuture<?> restart) {
        pendingRestart = restart;
    }

    /** The delayed restart is due: true, and the restart counted, when the worker still waits for it. */
    boolean restartDue() {
        pendingRestart = null;
        if (status != WorkerStatus.WAITING_RESTART) return false;
        countRestart();
        return true;
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    /** Zeroes the restart counters and history; a running process counts as started at {@code nowNanos}. */
    void resetCounters(RestartPolicy policy, long nowNanos) {
        restarts = 0;
        history.clear();
        boolean running = restartState.running();
        restartState = new RestartPolicy.State();
        if (running) policy.onStart(restartState, nowNanos);
    }

    /** A worker read back from dump.json: its counters and port, and the status it had when it was not running. */
    public void restore(int savedRestarts, int savedPort) {
        restarts = savedRestarts;
        port = savedPort;
    }

    /** A saved worker that was not running stays as it was saved: stopped or errored. */
    public void restoreIdle(boolean errored) {
        status = errored ? WorkerStatus.ERRORED : WorkerStatus.STOPPED;
    }

    /** The current process takes the private port {@code p} (cluster mode). */
    public void assignPort(int p) {
        port = p;
    }

    /** The current process joined (true) or left (false) its balancer's rotation. */
    public void inRotation(boolean yes) {
        ready = yes;
    }

    /**
     * Records a STATUS=… sent from the tree of {@code pid} at {@code atMs}; false, and nothing recorded, if {@code pid}
     * is not this worker's current process.
     */
    boolean statusFrom(long pid, String text, long atMs) {
        if (process == null || process.pid() != pid) return false;
        notified = new NotifiedStatus(pid, text, atMs);
        return true;
    }

    /**
     * Records a READY=1 sent from the tree of {@code pid}; false, and nothing recorded, if {@code pid} is not this
     * worker's current process.
     */
    boolean readyFrom(long pid) {
        if (process == null || process.pid() != pid) return false;
        readyPid = pid;
        return true;
    }

    /** Whether the current process sent READY=1. */
    public boolean readyNotified() {
        return process != null && process.pid() == readyPid;
    }

    private void countRestart() {
        restarts++;
    }

    private void remember(ExitRecord r) {
        if (history.size() == HISTORY) history.removeFirst();
        history.addLast(r);
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    public int id() {
        return id;
    }

    public int instance() {
        return instance;
    }

    public String app() {
        return app;
    }

    public WorkerStatus status() {
        return status;
    }

    /** The current process, or null. */
    public RunningProcess process() {
        return process;
    }

    /** True when {@code p} is this worker's current process and no stop was asked for. */
    @Override
    public boolean serves(ClusterProcess p) {
        return process == p && stop == null;
    }

    public int restarts() {
        return restarts;
    }

    public int unstableRestarts() {
        return restartState.unstableExits();
    }

    public Exit lastExit() {
        return lastExit;
    }

    public String reason() {
        return reason;
    }

    public int port() {
        return port;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    /** The status line the current process sent, if any; one from an earlier process is not shown. */
    public NotifiedStatus notifyStatus() {
        return notified != null && process != null && process.pid() == notified.pid() ? notified : null;
    }

    /** The probes' word on the current process, or null when it has none (no probes, no process, no result yet). */
    public Health health() {
        return health != null && process != null && process.pid() == health.pid() ? health : null;
    }

    @Override
    public boolean readinessPassed() {
        Health h = health();
        return h != null && h.readinessPassed();
    }

    public List<ExitRecord> historySnapshot() {
        return List.copyOf(history);
    }

    /**
     * Log lines of both streams that a full disk refused, over the worker's life: counted on the log reader's thread,
     * read by describe and the stats on the actor.
     */
    public AtomicLong unwrittenLines() {
        return unwrittenLines;
    }

    /** The line counter of {@code stream} ("out" or "err"). */
    public AtomicLong lineSeq(String stream) {
        return "out".equals(stream) ? outSeq : errSeq;
    }
}
