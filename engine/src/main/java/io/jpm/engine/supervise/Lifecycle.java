package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterLaunch;
import io.jpm.engine.cluster.ClusterRouting;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.policy.Exit;
import io.jpm.engine.policy.RestartPolicy;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.ProcessTree;
import io.jpm.ipc.wire.EventKind;
import io.jpm.ipc.wire.WorkerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Drives workers through their life: start, exit (where the restart policy decides), stop, reload swap and
 * adoption. The worker's state changes through its own transition methods; the OS is reached through
 * {@link WorkerLauncher} and {@link TreeStopper}; cluster routing hears of each transition from here, and from
 * nowhere else on a restart's path (the commands, the guards and the notices reach it through this class).
 *
 * <p>Every method runs on the supervisor's thread ({@code actor}); process exits, which are observed on other
 * threads, are handed back to it by the launcher.
 *
 * <p>It is longer than most because it is the one place where a restart's steps meet, in the order they run (launch,
 * exit, respawn, stop, reload swap, adoption): each step is short and delegates to the worker, the launcher, the tree
 * stopper or cluster routing, and keeping them together is what lets a restart touch each class once.
 */
public final class Lifecycle {
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final DaemonLog log;
    private final Runnable changed;
    private final ClusterRouting cluster;
    private final WorkerLauncher launcher;
    private final TreeStopper stopper;
    private final NodeWorkers node;
    private final WorkerEvents events;
    /** Set on the actor when the daemon begins to shut down or detach; no process starts after it. */
    private boolean closed;

    public Lifecycle(
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            DaemonLog log,
            Runnable changed,
            ClusterRouting cluster,
            WorkerLauncher launcher,
            TreeStopper stopper,
            NodeWorkers node,
            WorkerEvents events) {
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.log = log;
        this.changed = changed;
        this.cluster = cluster;
        this.launcher = launcher;
        this.stopper = stopper;
        this.node = node;
        this.events = events;
        launcher.onExit(this::onExit);
        node.onReady(this::notifiedReady);
    }

    public WorkerEvents events() {
        return events;
    }

    /** Starts no more processes (the daemon is shutting down or leaving its apps). On the actor. */
    void close() {
        closed = true;
    }

    /**
     * Starts a process for {@code w} and makes it current; a failure leaves the worker errored. Once {@link #close}d
     * it starts nothing: a restart decided before (a crash's, a guard's) is dropped.
     */
    public void spawn(App app, Worker w) {
        if (closed) return;
        try {
            RunningProcess p = launch(app, w);
            w.started(p, app.restartPolicy(), p.startedAtNanos());
            app.logs().writePid(w.id(), p.pid());
            cluster.on(ClusterRouting.Transition.CURRENT, app, w, p);
            launcher.current(app, w, p);
            events.emit(app, w, EventKind.START);
            events.emit(app, w, EventKind.ONLINE);
        } catch (IOException | RuntimeException e) {
            w.failedToStart("cannot start: " + e.getMessage());
            log.info("app " + app.name() + " worker " + w.id() + ": " + w.reason());
            events.emit(app, w, EventKind.ERRORED, ev -> ev.withReason(w.reason()));
        }
        changed.run();
    }

    /**
     * Starts a process for {@code w} without making it current (a start, or a reload's new process beside the old
     * one): cluster routing hands out its private port or the shared socket first, takes it back if the start fails,
     * and watches the process for readiness once it runs.
     */
    RunningProcess launch(App app, Worker w) throws IOException {
        ClusterLaunch launch = cluster.prepare(app);
        RunningProcess p;
        try {
            p = launcher.start(app, w, app.spec().run().env(), launch);
        } catch (IOException | RuntimeException e) {
            cluster.abandon(launch);
            throw e;
        }
        if (launch != null) cluster.started(app, w, p, launch);
        return p;
    }

    /**
     * Completes on the actor with whether a reload's new process is ready to replace the old one: in rotation (jpm's
     * balancer or the shared socket), ready by node's {@code process.send('ready')}, or else still running after the
     * shorter of min_uptime and listen_timeout.
     */
    CompletableFuture<Boolean> whenReady(App app, RunningProcess fresh) {
        if (app.spec().balanced()) return cluster.whenReady(app, fresh);
        if (node.awaits(fresh)) return node.whenReady(app, fresh);
        long delay = Math.max(
                50,
                Math.min(
                        app.spec().restart().minUptimeMs(), app.spec().cluster().listenTimeoutMs()));
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        actor.schedule(() -> done.complete(true), delay, TimeUnit.MILLISECONDS);
        return done;
    }

    /** Takes {@code p} out of the rotation and completes once its connections are gone, up to drain_timeout. */
    CompletableFuture<Void> drain(App app, Worker w, RunningProcess p) {
        return cluster.drain(app, w, p);
    }

    /** Ends the tree of a process that is not (or no longer) the worker's current one: a reload's old or failed one. */
    CompletableFuture<Void> killTree(App app, RunningProcess p) {
        return stopper.killTree(app.spec(), p);
    }

    /** A worker process sent READY=1: cluster routing admits the first process in the sender's ancestry that awaits it. */
    void notifiedReady(List<Long> ancestry) {
        cluster.notifiedReady(ancestry);
    }

    /** The readiness probe of {@code p} changed its verdict: it enters or leaves the rotation. */
    void readinessChanged(App app, Worker w, RunningProcess p) {
        cluster.on(ClusterRouting.Transition.READINESS, app, w, p);
    }

    /**
     * Binds the public port or socket of each new cluster app of a start, before any worker starts (see
     * {@link ClusterRouting#bind}); throws with a one-line error naming the port when one cannot be bound.
     */
    void bind(List<AppSpec> specs, Function<String, App> apps) {
        cluster.bind(specs, apps);
    }

    /** A restart asked for by a command or a guard: counted, then a new process starts. */
    void respawn(App app, Worker w) {
        if (closed) return;
        w.restartRequested();
        spawn(app, w);
    }

    /**
     * Restarts {@code w} for a guard's {@code reason} (memory limit, watchdog): a {@code restart} event with the
     * reason and {@code details}, the stop recorded in its history as "restarted (why)", and one more restart counted
     * (by {@link #respawn}) once the old tree is gone.
     */
    void restartFor(App app, Worker w, String reason, String why, UnaryOperator<WorkerEvent> details) {
        log.info("app " + app.name() + " worker " + w.id() + ": " + why + ", restarting");
        events.emit(app, w, EventKind.RESTART, e -> details.apply(e.withReason(reason)));
        stop(app, w, null, "restarted (" + why + ")")
                .thenRunAsync(
                        () -> {
                            if (!app.has(w) || w.process() != null) return; // deleted, or restarted by someone else
                            respawn(app, w);
                        },
                        actor)
                .whenComplete((v, e) -> {
                    if (e != null) log.failed("restart of app " + app.name() + " worker " + w.id(), e);
                });
    }

    /**
     * Ends the current process of {@code w} because a check failed (a liveness probe, the watchdog): it leaves the
     * rotation and its tree is signalled as a stop would, but its exit is a crash's, which the restart policy judges
     * ({@link RestartPolicy#onFailedCheck}): counted, backed off, and errored at the limit, with the check named.
     */
    void restartForFailedCheck(App app, Worker w, Worker.FailedCheck check) {
        RunningProcess p = w.process();
        if (!w.checkFailed(check)) return;
        log.info("app " + app.name() + " worker " + w.id() + ": " + check.why() + ", restarting");
        cluster.on(ClusterRouting.Transition.STOPPING, app, w, p);
        stopper.killTree(app.spec(), p)
                .thenRun(() -> actor.execute(() -> {
                    // an adopted process's exit is seen by polling; make sure it is handled
                    if (w.process() == p && !ProcessTree.isRunning(p.handle())) onExit(app, w, p, unknownExit());
                }));
        changed.run();
    }

    /**
     * Makes a reload's new process the worker's current one, with a fresh restart history, and says so (event, dump,
     * sampler, balancer). Returns the old process, which the caller drains and stops.
     */
    RunningProcess replace(App app, Worker w, RunningProcess fresh) {
        RunningProcess old = w.replacedBy(fresh, app.restartPolicy(), nanoClock.getAsLong());
        app.logs().writePid(w.id(), fresh.pid());
        cluster.on(ClusterRouting.Transition.CURRENT, app, w, fresh);
        launcher.current(app, w, fresh);
        events.emit(app, w, EventKind.RELOAD, e -> e.withOldPid(old == null ? -1 : old.pid()));
        changed.run();
        return old;
    }

    /** Called on the actor when a process of {@code w} has exited. */
    public void onExit(App app, Worker w, RunningProcess p, Exit exit) {
        deleteFifos(p);
        cluster.on(ClusterRouting.Transition.EXITED, app, w, p);
        if (w.process() != p) return; // an old process replaced by a reload, or already handled
        app.logs().removePid(w.id());
        long now = nanoClock.getAsLong();
        if (w.stopping()) {
            CompletableFuture<Void> done = w.exitedWhileStopping(exit, app.restartPolicy(), now, wallClock.getAsLong());
            events.emit(app, w, EventKind.EXIT, e -> withExit(e, exit));
            events.emit(app, w, EventKind.STOP);
            CompletableFuture<Void> rest = new CompletableFuture<>();
            stopper.awaitRest(app.spec(), p.pid(), rest);
            rest.thenRun(() -> stopper.awaitGone(killEscaped(w, p, false), done));
            changed.run();
            return;
        }
        RestartPolicy.Decision d = w.exited(exit, app.restartPolicy(), now, wallClock.getAsLong());
        events.emit(app, w, EventKind.EXIT, e -> withExit(e, exit));
        // An unexpected exit: whatever is left of its tree must not outlive it.
        TreeStopper.killRest(p.pid());
        killEscaped(w, p, true);
        switch (d) {
            case RestartPolicy.Restart r -> {
                Worker.FailedCheck check = w.failedCheck();
                events.emit(
                        app,
                        w,
                        EventKind.RESTART,
                        e -> check == null
                                ? e.withDelayMs(r.delayMs())
                                : e.withDelayMs(r.delayMs()).withReason(check.reason()));
                if (r.delayMs() == 0) {
                    spawn(app, w); // which tells of the change
                    return;
                }
                w.restartScheduled(actor.schedule(
                        () -> {
                            if (w.restartDue()) spawn(app, w);
                        },
                        r.delayMs(),
                        TimeUnit.MILLISECONDS));
            }
            case RestartPolicy.Stop s -> events.emit(app, w, EventKind.STOP, e -> e.withReason(s.reason()));
            case RestartPolicy.Errored e -> {
                log.info("app " + app.name() + " worker " + w.id() + " errored: " + e.reason());
                events.emit(app, w, EventKind.ERRORED, ev -> ev.withReason(e.reason()));
            }
        }
        changed.run();
    }

    /**
     * Kills what escaped the tree of {@code stopped} (see {@link TreeStopper#killEscaped}), unless a newer process of
     * {@code w} runs under the same marker; returns the pids it SIGKILLed.
     */
    private List<Long> killEscaped(Worker w, RunningProcess stopped, boolean crashed) {
        if (w.process() != null && w.process() != stopped) return List.of();
        return stopper.killEscaped(markerValue(w.id()), stopped.pid(), crashed);
    }

    private static WorkerEvent withExit(WorkerEvent e, Exit exit) {
        return exit.bySignal() ? e.withExit(null, exit.signal()) : e.withExit(exit.code(), null);
    }

    /** Stops the worker's process tree; completes when all of it is gone. */
    CompletableFuture<Void> stop(App app, Worker w) {
        return stop(app, w, null, null);
    }

    /**
     * Stops the worker's process tree, finding its members in {@code table} (one read of the process table for a
     * batch of stops), or in a fresh read when it is null; the restart history records it as {@code outcome}
     * ("stopped" when null). Completes when all of the tree is gone.
     */
    CompletableFuture<Void> stop(App app, Worker w, ProcessTree.Table table, String outcome) {
        RunningProcess p = w.process();
        if (!w.stopRequested(outcome)) return w.stopDone();
        cluster.on(ClusterRouting.Transition.STOPPING, app, w, p);
        events.emit(app, w, EventKind.STOPPING);
        stopper.killTree(app.spec(), p, table)
                .thenRun(() -> actor.execute(() -> {
                    // an adopted process's exit is seen by polling; make sure it is handled before completing
                    if (w.process() != null
                            && !ProcessTree.isRunning(w.process().handle())) onExit(app, w, w.process(), unknownExit());
                }));
        changed.run();
        return w.stopDone();
    }

    /** The exit of a process whose status nobody could collect (adopted, or gone before it was seen). */
    public static Exit unknownExit() {
        return Exit.signal("unknown");
    }

    private static void deleteFifos(RunningProcess p) {
        try {
            Files.deleteIfExists(p.outFifo());
            Files.deleteIfExists(p.errFifo());
        } catch (IOException ignored) {
            // a leftover FIFO is harmless and is reused by nobody
        }
    }

    /** Sends a signal to a worker's process (not its tree), as {@code jpm signal} does. */
    boolean signal(Worker w, int signal) {
        return w.process() != null && Posix.kill(w.process().pid(), signal);
    }

    /** Makes a process an earlier daemon started the current one of {@code w}, reattaching its logs. */
    public void adopt(App app, Worker w, RunningProcess p) throws IOException {
        launcher.reattachLogs(app, w, p);
        w.adopted(p, app.restartPolicy(), nanoClock.getAsLong());
        app.logs().writePid(w.id(), p.pid());
        cluster.on(ClusterRouting.Transition.ADOPTED, app, w, p);
        events.emit(app, w, EventKind.ONLINE, WorkerEvent::withAdopted);
    }

    /** The marker value of worker {@code id}; see {@link WorkerLauncher#MARKER}. */
    public String markerValue(int workerId) {
        return launcher.markerValue(workerId);
    }
}
