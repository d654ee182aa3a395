package io.jpm.engine.internal;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.policy.Exit;
import io.jpm.engine.policy.RestartPolicy;
import io.jpm.engine.process.MarkerCensus;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.ProcessTree;
import io.jpm.engine.process.Spawner;
import io.jpm.ipc.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Starts, stops and restarts the processes of workers, and applies the restart policy when one exits.
 *
 * <p>Every method runs on the supervisor's thread ({@code actor}); process exits, which the JDK reports on its own
 * threads, are handed back to it. A stop signals the whole tree with kill_signal, then SIGKILLs whatever is left
 * of it after kill_timeout.
 */
public final class Lifecycle {
    private final ScheduledExecutorService actor;
    private final Path runDir;
    private final String workerTag;
    private final LongSupplier nanoClock;
    private final BiConsumer<String, Object> publisher;
    private final DaemonLogSink log;
    private final Runnable changed;
    private final ClusterRouting cluster;
    private final LogReader logReader;
    /** Shared by every stop in progress; a stale answer only delays the end of a stop by up to 50 ms. */
    private final ProcessTree.GroupCensus census = new ProcessTree.GroupCensus(50_000_000L);
    /** Finds a worker's processes that left its tree; one /proc scan serves the stops of the same 50 ms. */
    private final MarkerCensus escaped = new MarkerCensus(MARKER, 50_000_000L);

    /** Where the lifecycle reports: the daemon log. */
    public interface DaemonLogSink {
        void info(String message);
    }

    public Lifecycle(
            ScheduledExecutorService actor,
            Path runDir,
            String workerTag,
            LongSupplier nanoClock,
            BiConsumer<String, Object> publisher,
            DaemonLogSink log,
            Runnable changed,
            ClusterRouting cluster,
            LogReader logReader) {
        this.actor = actor;
        this.runDir = runDir;
        this.workerTag = workerTag;
        this.nanoClock = nanoClock;
        this.publisher = publisher;
        this.log = log;
        this.changed = changed;
        this.cluster = cluster;
        this.logReader = logReader;
    }

    /** The marker in every worker's environment that lets a later daemon recognise its own workers. */
    public String markerValue(int workerId) {
        return workerTag + ":" + workerId;
    }

    public static final String MARKER = "JPM_WORKER";

    /**
     * Makes a reload's new process the worker's current one, with a fresh restart policy, and says so (event, dump,
     * sampler, balancer). Returns the old process, which the caller drains and stops.
     */
    RunningProcess replace(App app, Worker w, RunningProcess fresh) {
        RunningProcess old = w.process;
        w.process = fresh;
        w.policy = new RestartPolicy.State();
        app.policy.onStart(w.policy, nanoClock.getAsLong());
        w.restarts++;
        w.status = WorkerStatus.ONLINE;
        cluster.current(app, w, fresh);
        event(app, w, "reload", Map.of("oldPid", old == null ? -1 : old.pid()));
        changed.run();
        return old;
    }

    public void event(App app, Worker w, String kind, Map<String, Object> extra) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", kind);
        e.put("app", app.name());
        e.put("id", w.id);
        e.put("instance", w.instance);
        e.put("ts", System.currentTimeMillis());
        if (w.process != null) e.put("pid", w.process.pid());
        e.putAll(extra);
        publisher.accept(Topics.event(app.name()), e);
    }

    /** The environment of a worker's next process. */
    Map<String, String> environment(AppSpec spec, Worker w, Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        String index = Integer.toString(w.instance);
        if (spec.instanceVar() != null) {
            env.put(spec.instanceVar(), index);
        } else {
            env.put("JPM_INSTANCE", index);
            env.put("NODE_APP_INSTANCE", index);
        }
        env.put("JPM_APP", spec.name());
        env.put("JPM_ID", Integer.toString(w.id));
        env.put(MARKER, markerValue(w.id));
        if (w.port > 0) env.put("PORT", Integer.toString(w.port));
        return env;
    }

    /** Starts a process for {@code w}, makes it current, and watches it. */
    public void spawn(App app, Worker w) {
        cancelPendingRestart(w);
        try {
            RunningProcess p = start(app, w, app.spec().env());
            w.process = p;
            w.stopping = false;
            w.status = WorkerStatus.ONLINE;
            w.reason = null;
            cluster.current(app, w, p);
            app.policy.onStart(w.policy, p.startedAtNanos());
            event(app, w, "start", Map.of());
            event(app, w, "online", Map.of());
        } catch (IOException | RuntimeException e) {
            w.process = null;
            w.status = WorkerStatus.ERRORED;
            w.reason = "cannot start: " + e.getMessage();
            log.info("app " + app.name() + " worker " + w.id + ": " + w.reason);
            event(app, w, "errored", Map.of("reason", w.reason));
        }
        changed.run();
    }

    /** Starts a process for {@code w} without making it current (for reloads). */
    RunningProcess start(App app, Worker w, Map<String, String> baseEnv) throws IOException {
        AppSpec spec = app.spec();
        Map<String, String> env = environment(spec, w, baseEnv);
        ClusterRouting.Launch launch = cluster.prepare(app);
        if (launch != null) env.put("PORT", Integer.toString(launch.port));
        long gen = nanoClock.getAsLong();
        Path out = runDir.resolve("w" + w.id + "-" + gen + ".out");
        Path err = runDir.resolve("w" + w.id + "-" + gen + ".err");
        Spawner.Spawned s;
        try {
            s = Spawner.spawn(launch == null ? spec.command() : launch.argv(spec.command()), spec.cwd(), env, out, err);
        } catch (IOException | RuntimeException e) {
            cluster.abandon(launch);
            throw e;
        }
        RunningProcess p = new RunningProcess(
                s.pid(),
                s.startTicks(),
                s.process().toHandle(),
                s.process(),
                out,
                err,
                baseEnv,
                System.currentTimeMillis(),
                nanoClock.getAsLong(),
                false);
        attachLogs(app, w, s.stdout(), s.stderr(), launch == null ? null : launch.readyWatcher());
        if (launch != null) cluster.started(app, w, p, launch);
        s.process()
                .onExit()
                .thenRun(() -> actor.execute(
                        () -> onExit(app, w, p, Exit.fromExitValue(s.process().exitValue()))));
        return p;
    }

    /** Hands the worker's two read ends to the log reader, which owns them from here (closed here on failure). */
    void attachLogs(App app, Worker w, int out, int err, LogPump.LineWatcher stdoutWatcher) throws IOException {
        LogPump outPump;
        LogPump errPump;
        try {
            AppLogs.Pair files = app.logs.forWorker(w.id);
            outPump = new LogPump(
                    app.name(), w.id, "out", files.out(), w.outSeq, app.logs.timestamps(), publisher, stdoutWatcher);
            errPump =
                    new LogPump(app.name(), w.id, "err", files.err(), w.errSeq, app.logs.timestamps(), publisher, null);
        } catch (IOException | RuntimeException e) {
            Posix.close(out);
            Posix.close(err);
            throw e;
        }
        try {
            logReader.add(out, outPump);
        } catch (IOException e) {
            Posix.close(err);
            throw e;
        }
        logReader.add(err, errPump);
    }

    /** Called on the actor when a process of {@code w} has exited. */
    void onExit(App app, Worker w, RunningProcess p, Exit exit) {
        deleteFifos(p);
        cluster.exited(app, w, p);
        if (w.process != p) return; // an old process replaced by a reload, or already handled
        w.process = null;
        w.lastExit = exit;
        long now = nanoClock.getAsLong();
        event(app, w, "exit", exit.bySignal() ? Map.of("signal", exit.signal()) : Map.of("code", exit.code()));
        if (w.stopping) {
            app.policy.onExit(w.policy, exit, now);
            String outcome = w.stopOutcome == null ? "stopped" : w.stopOutcome;
            w.stopOutcome = null;
            w.remember(new Worker.ExitRecord(System.currentTimeMillis(), exit.describe(), outcome));
            finishStop(app, w, p);
            return;
        }
        // An unexpected exit: whatever is left of its tree must not outlive it.
        ProcessTree.signal(p.pid(), List.of(), 9);
        killEscaped(w, p);
        RestartPolicy.Decision d = app.policy.onExit(w.policy, exit, now);
        switch (d) {
            case RestartPolicy.Restart r -> {
                w.restarts++;
                w.remember(new Worker.ExitRecord(System.currentTimeMillis(), exit.describe(), "restarted"));
                event(app, w, "restart", Map.of("delayMs", r.delayMs()));
                if (r.delayMs() == 0) {
                    spawn(app, w);
                } else {
                    w.status = WorkerStatus.WAITING_RESTART;
                    w.pendingRestart = actor.schedule(
                            () -> {
                                w.pendingRestart = null;
                                if (w.status == WorkerStatus.WAITING_RESTART) spawn(app, w);
                            },
                            r.delayMs(),
                            TimeUnit.MILLISECONDS);
                }
            }
            case RestartPolicy.Stop s -> {
                w.status = WorkerStatus.STOPPED;
                w.reason = s.reason();
                w.remember(new Worker.ExitRecord(System.currentTimeMillis(), exit.describe(), "stopped"));
                event(app, w, "stop", Map.of("reason", s.reason()));
            }
            case RestartPolicy.Errored e -> {
                w.status = WorkerStatus.ERRORED;
                w.reason = e.reason();
                w.remember(new Worker.ExitRecord(System.currentTimeMillis(), exit.describe(), "errored"));
                log.info("app " + app.name() + " worker " + w.id + " errored: " + e.reason());
                event(app, w, "errored", Map.of("reason", e.reason()));
            }
        }
        changed.run();
    }

    /** Stops the worker's process tree; completes when all of it is gone. */
    CompletableFuture<Void> stop(App app, Worker w) {
        return stop(app, w, null);
    }

    /**
     * Stops the worker's process tree, finding its members in {@code table} (one read of the process table for a
     * batch of stops), or in a fresh read when it is null; completes when all of the tree is gone.
     */
    CompletableFuture<Void> stop(App app, Worker w, ProcessTree.Table table) {
        cancelPendingRestart(w);
        if (w.process == null) {
            w.status = WorkerStatus.STOPPED;
            return CompletableFuture.completedFuture(null);
        }
        if (w.stopping && w.stopped != null) return w.stopped;
        w.stopping = true;
        w.status = WorkerStatus.STOPPING;
        cluster.leaving(app, w, w.process);
        w.stopped = new CompletableFuture<>();
        event(app, w, "stopping", Map.of());
        killTree(app.spec(), w.process, table)
                .thenRun(() -> actor.execute(() -> {
                    // an adopted process's exit is seen by polling; make sure it is handled before completing
                    if (w.process != null && !ProcessTree.isRunning(w.process.handle()))
                        onExit(app, w, w.process, unknownExit());
                }));
        changed.run();
        return w.stopped;
    }

    /**
     * Signals a process tree with the app's kill signal, then SIGKILL after kill_timeout. Completes when no member
     * is left. Runs its waiting on the actor's timer, never blocking it.
     */
    CompletableFuture<Void> killTree(AppSpec spec, RunningProcess p) {
        return killTree(spec, p, null);
    }

    private CompletableFuture<Void> killTree(AppSpec spec, RunningProcess p, ProcessTree.Table table) {
        List<ProcessHandle> members = table == null ? ProcessTree.snapshot(p.pid()) : table.snapshot(p.pid());
        ProcessTree.signal(p.pid(), members, Posix.signalNumber(spec.killSignal()));
        CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline = nanoClock.getAsLong() + spec.killTimeoutMs() * 1_000_000;
        pollTree(p.pid(), members, deadline, done);
        return done;
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

    private void finishStop(App app, Worker w, RunningProcess p) {
        w.status = WorkerStatus.STOPPED;
        w.stopping = false;
        event(app, w, "stop", Map.of());
        CompletableFuture<Void> f = w.stopped;
        w.stopped = null;
        // the tree may still be going down; wait for it so that no grandchild outlives the stop
        List<ProcessHandle> rest = ProcessTree.snapshot(p.pid());
        if (f != null) {
            Runnable done = () -> {
                killEscaped(w, p);
                f.complete(null);
            };
            if (ProcessTree.anyAlive(p.pid(), rest, census, nanoClock.getAsLong())) {
                long deadline = nanoClock.getAsLong() + app.spec().killTimeoutMs() * 1_000_000;
                CompletableFuture<Void> tree = new CompletableFuture<>();
                pollTree(p.pid(), rest, deadline, tree);
                tree.thenRun(done);
            } else {
                done.run();
            }
        }
        changed.run();
    }

    /**
     * SIGKILLs the processes that escaped the stopped process's tree but carry its worker's marker (a {@code setsid}
     * grandchild whose parent exited). Only while no newer process of the worker runs under the same marker.
     */
    private void killEscaped(Worker w, RunningProcess stopped) {
        if (w.process != null && w.process != stopped) return;
        for (long pid : escaped.pids(markerValue(w.id), nanoClock.getAsLong())) {
            if (pid != stopped.pid()) Posix.kill(pid, 9);
        }
    }

    static Exit unknownExit() {
        return Exit.signal("unknown");
    }

    void cancelPendingRestart(Worker w) {
        if (w.pendingRestart != null) {
            w.pendingRestart.cancel(false);
            w.pendingRestart = null;
        }
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
        return w.process != null && Posix.kill(w.process.pid(), signal);
    }

    /** Adopts a process an earlier daemon started, reattaching its logs and watching for its exit by polling. */
    void adopt(App app, Worker w, RunningProcess p) throws IOException {
        int[] fds = Spawner.reopen(p.outFifo(), p.errFifo());
        attachLogs(app, w, fds[0], fds[1], null);
        w.process = p;
        w.status = WorkerStatus.ONLINE;
        cluster.adopted(app, w, p);
        app.policy.onStart(w.policy, nanoClock.getAsLong());
        event(app, w, "online", Map.of("adopted", true));
        watchAdopted(app, w, p);
    }

    private void watchAdopted(App app, Worker w, RunningProcess p) {
        actor.schedule(
                () -> {
                    if (w.process != p) return;
                    if (ProcessTree.isRunning(p.handle())) {
                        watchAdopted(app, w, p);
                    } else {
                        onExit(app, w, p, unknownExit());
                    }
                },
                100,
                TimeUnit.MILLISECONDS);
    }
}
