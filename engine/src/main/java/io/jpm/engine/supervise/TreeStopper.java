package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.process.MarkerCensus;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.ProcessTree;
import io.jpm.ipc.ProcessState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * Ends process trees: signals a tree with the app's kill signal (or, for a node app with shutdown_with_message,
 * sends it the {@code 'shutdown'} message), polls until no member is left, and SIGKILLs what
 * is left after kill_timeout. Its waiting runs on the actor's timer and never blocks it.
 */
public final class TreeStopper {
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    /** Sends PM2's shutdown message to a process; true when sent, and the kill signal is then not sent. */
    private final BiPredicate<AppSpec, RunningProcess> shutdownMessage;
    /** Shared by every stop in progress; a stale answer only delays the end of a stop by up to 50 ms. */
    private final ProcessTree.GroupCensus census = new ProcessTree.GroupCensus(50_000_000L);
    /** Finds a worker's processes that left its tree; one /proc scan serves the stops of the same 50 ms. */
    private final MarkerCensus escaped = new MarkerCensus(WorkerLauncher.MARKER, 50_000_000L);
    /** When the latest stop was asked for: an escaped process is looked for in a scan taken after it. */
    private long lastStopRequestNanos = Long.MIN_VALUE;
    /** How long a stop waits for the escaped processes it SIGKILLed to be gone. */
    private static final long ESCAPED_WAIT_MS = 2_000;

    public TreeStopper(
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            BiPredicate<AppSpec, RunningProcess> shutdownMessage) {
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.shutdownMessage = shutdownMessage;
    }

    /**
     * SIGKILLs the processes that escaped the tree of {@code stoppedPid} but carry {@code marker}, the worker's
     * marker (a {@code setsid} grandchild whose parent exited), as /proc shows them after the latest stop request
     * ({@code crashed}: after now).
     */
    List<Long> killEscaped(String marker, long stoppedPid, boolean crashed) {
        long now = nanoClock.getAsLong();
        List<Long> killed = new ArrayList<>();
        for (long pid : escaped.pids(marker, now, crashed ? now : lastStopRequestNanos)) {
            if (pid != stoppedPid) {
                Posix.kill(pid, 9);
                killed.add(pid);
            }
        }
        return killed;
    }

    /**
     * Completes {@code done} once none of {@code pids}, just SIGKILLed, runs any more: a killed process ends when
     * the kernel next schedules it, which on a busy machine is after the kill returns, so a stop that did not wait
     * would be answered while an escaped process still ran. Waits {@value #ESCAPED_WAIT_MS} ms at most.
     */
    void awaitGone(List<Long> pids, CompletableFuture<Void> done) {
        awaitGone(pids, nanoClock.getAsLong() + ESCAPED_WAIT_MS * 1_000_000, done);
    }

    private void awaitGone(List<Long> pids, long deadline, CompletableFuture<Void> done) {
        if (pids.stream().noneMatch(ProcessState::isRunning) || nanoClock.getAsLong() >= deadline) {
            done.complete(null);
            return;
        }
        actor.schedule(() -> awaitGone(pids, deadline, done), 5, TimeUnit.MILLISECONDS);
    }

    /** Signals the tree of {@code p} and completes when all of it is gone. */
    CompletableFuture<Void> killTree(AppSpec spec, RunningProcess p) {
        return killTree(spec, p, null);
    }

    /** As {@link #killTree(AppSpec, RunningProcess)}, finding the members in {@code table} when it is not null. */
    CompletableFuture<Void> killTree(AppSpec spec, RunningProcess p, ProcessTree.Table table) {
        lastStopRequestNanos = nanoClock.getAsLong();
        List<ProcessHandle> members = table == null ? ProcessTree.snapshot(p.pid()) : table.snapshot(p.pid());
        if (!shutdownMessage.test(spec, p))
            ProcessTree.signal(
                    p.pid(), members, Posix.signalNumber(spec.restart().killSignal()));
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = nanoClock.getAsLong() + spec.restart().killTimeoutMs() * 1_000_000;
        pollTree(p.pid(), members, deadline, done);
        return done;
    }

    /**
     * Completes {@code done} once what is left of the tree of an exited process {@code pid} is gone (SIGKILL after
     * kill_timeout), so that no grandchild outlives a stop.
     */
    void awaitRest(AppSpec spec, long pid, CompletableFuture<Void> done) {
        List<ProcessHandle> rest = ProcessTree.snapshot(pid);
        if (!ProcessTree.anyAlive(pid, rest, census, nanoClock.getAsLong())) {
            done.complete(null);
            return;
        }
        pollTree(pid, rest, nanoClock.getAsLong() + spec.restart().killTimeoutMs() * 1_000_000, done);
    }

    /** SIGKILLs whatever is left of the tree of a process that exited on its own. */
    static void killRest(long pid) {
        ProcessTree.signal(pid, List.of(), 9);
    }

    private void pollTree(long pid, List<ProcessHandle> members, long deadline, CompletableFuture<Void> done) {
        if (!ProcessTree.anyAlive(pid, members, census, nanoClock.getAsLong())) {
            done.complete(null);
            return;
        }
        if (nanoClock.getAsLong() >= deadline) {
            ProcessTree.signal(pid, members, 9);
            actor.schedule(
                    () -> {
                        ProcessTree.signal(pid, members, 9);
                        done.complete(null);
                    },
                    50,
                    TimeUnit.MILLISECONDS);
            return;
        }
        actor.schedule(() -> pollTree(pid, members, deadline, done), 10, TimeUnit.MILLISECONDS);
    }
}
