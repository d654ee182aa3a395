package io.jpm.engine;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.DaemonSettings;
import io.jpm.engine.internal.App;
import io.jpm.engine.internal.AppLogs;
import io.jpm.engine.internal.ClusterRouting;
import io.jpm.engine.internal.DaemonLog;
import io.jpm.engine.internal.DumpStore;
import io.jpm.engine.internal.Lifecycle;
import io.jpm.engine.internal.LogCommands;
import io.jpm.engine.internal.LogReader;
import io.jpm.engine.internal.MemoryGuard;
import io.jpm.engine.internal.MetricsEndpoint;
import io.jpm.engine.internal.Recovery;
import io.jpm.engine.internal.StartParsing;
import io.jpm.engine.internal.Targets;
import io.jpm.engine.internal.TickUsage;
import io.jpm.engine.internal.Views;
import io.jpm.engine.internal.WatchdogGuard;
import io.jpm.engine.internal.Worker;
import io.jpm.engine.internal.WorkerOps;
import io.jpm.engine.metrics.MetricsService;
import io.jpm.engine.metrics.OshiHost;
import io.jpm.engine.metrics.ProcFs;
import io.jpm.engine.metrics.StatsMessage;
import io.jpm.engine.metrics.Tick;
import io.jpm.engine.metrics.Watched;
import io.jpm.engine.notify.Notification;
import io.jpm.engine.notify.WorkerNotifySocket;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Owns every app and worker and carries out the commands that change them.
 *
 * <p>Threading: all state lives on one thread, {@code jpm-supervisor} (the actor). Commands, process exits and
 * timers are all run there, so nothing here takes a lock. Nothing on the actor waits: a stop or a reload is a chain
 * of futures and timers, and the command's reply completes when the chain does. Metrics are sampled on
 * {@code jpm-sampler} from an immutable list of the workers ({@link #watched}) that the actor replaces; each tick
 * comes back to the actor, which publishes the {@code stats} message and applies max_memory_restart.
 */
public final class Supervisor {
    private final JpmHome home;
    private final DaemonLog log;
    private final LongSupplier nanoClock;
    private final BiConsumer<String, Object> publisher;
    private final ScheduledExecutorService actor;
    private final ExecutorService compressor;
    private final DumpStore dump;
    private final Lifecycle lifecycle;
    private final LogReader logReader;
    private final WorkerOps ops;
    private final ClusterRouting cluster;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final MetricsService metrics;
    private final MetricsEndpoint endpoint;
    private final MemoryGuard memoryGuard;
    private final WatchdogGuard watchdogGuard;
    /** The workers' NOTIFY_SOCKET; null if it could not be bound. */
    private final WorkerNotifySocket notifySocket;

    private int nextId;
    private boolean dumpQueued;
    private boolean shuttingDown;

    /** Every worker, as the metrics sampler sees it; replaced (never mutated) on the actor after each change. */
    private volatile List<Watched> watched = List.of();

    public Supervisor(JpmHome home, DaemonLog log, LongSupplier nanoClock, BiConsumer<String, Object> publisher)
            throws IOException {
        this.home = home;
        this.log = log;
        this.nanoClock = nanoClock;
        this.publisher = publisher;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> named(r, "jpm-supervisor"));
        ex.setRemoveOnCancelPolicy(true);
        this.actor = ex;
        this.compressor = Executors.newSingleThreadExecutor(r -> named(r, "jpm-log-compress"));
        Path run = home.root().resolve("run");
        JpmHome.createPrivateDir(run);
        this.dump = new DumpStore(home.dumpFile(), log::warn);
        String tag = Integer.toHexString(home.root().toString().hashCode());
        this.logReader = new LogReader(log::warn, System::currentTimeMillis);
        this.cluster = new ClusterRouting(actor, nanoClock, log::info, this::changed);
        this.lifecycle =
                new Lifecycle(actor, run, tag, nanoClock, publisher, log::info, this::changed, cluster, logReader);
        this.ops = new WorkerOps(lifecycle, actor, nanoClock, cluster);
        this.memoryGuard = new MemoryGuard(lifecycle);
        this.watchdogGuard = new WatchdogGuard(lifecycle);
        this.notifySocket = startNotifySocket(run);
        actor.scheduleWithFixedDelay(this::checkWatchdogs, 250, 250, TimeUnit.MILLISECONDS);
        DaemonSettings settings = DaemonSettings.read(home.settings(), log::warn);
        this.metrics = new MetricsService(
                settings.sampleIntervalMs(),
                () -> watched,
                new OshiHost(),
                ProcFs.system(),
                nanoClock,
                System::currentTimeMillis,
                tick -> actor.execute(() -> onTick(tick)));
        this.endpoint = new MetricsEndpoint(home, settings, log);
        metrics.start();
    }

    private WorkerNotifySocket startNotifySocket(Path run) {
        try {
            return WorkerNotifySocket.start(
                    run.resolve(WorkerNotifySocket.FILE), n -> actor.execute(() -> notified(n)), log::warn, nanoClock);
        } catch (IOException | RuntimeException e) {
            log.warn("workers get no working NOTIFY_SOCKET: " + e.getMessage());
            return null;
        }
    }

    /** On the actor, every 250 ms: restarts the workers whose watchdog_sec passed without a WATCHDOG=1. */
    private void checkWatchdogs() {
        try {
            if (!shuttingDown) watchdogGuard.check(apps.values(), nanoClock.getAsLong());
        } catch (RuntimeException e) {
            log.warn("watchdog check: " + e); // caught, or the periodic task would stop for good
        }
    }

    /** On the actor: a message a worker's process sent on NOTIFY_SOCKET, credited to the worker whose tree sent it. */
    private void notified(Notification n) {
        if (shuttingDown) return;
        if (n.message().ready()) cluster.notifiedReady(n.ancestry());
        watchdogGuard.notified(n);
        n.message().status().ifPresent(status -> {
            for (long pid : n.ancestry()) {
                for (App a : apps.values()) {
                    for (Worker w : a.workersView()) {
                        if (w.statusFrom(pid, status, System.currentTimeMillis())) return;
                    }
                }
            }
        });
    }

    /** On the actor, once per sampling interval: publish the stats message and apply max_memory_restart. */
    private void onTick(Tick tick) {
        if (shuttingDown) return;
        Map<String, Object> stats = StatsMessage.of(tick, list(tick.ts(), new TickUsage(tick)));
        endpoint.latest(stats);
        publisher.accept(Topics.STATS, stats);
        memoryGuard.check(apps.values(), tick);
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(
                () -> {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        System.out.println(name + ": " + e);
                    }
                },
                name);
        t.setDaemon(true);
        return t;
    }

    /** Runs {@code task} on the actor. */
    public <T> CompletableFuture<T> onActor(java.util.function.Supplier<CompletableFuture<T>> task) {
        return CompletableFuture.supplyAsync(task, actor).thenCompose(f -> f);
    }

    public CompletableFuture<Reply> handle(Request request) {
        return onActor(() -> dispatch(request));
    }

    private CompletableFuture<Reply> dispatch(Request request) {
        long now = System.currentTimeMillis();
        return switch (request) {
            case Request.Start s -> start(s);
            case Request.ListWorkers l -> done(list(now));
            case Request.Describe d ->
                done(Targets.workers(apps, d.target()).stream()
                        .map(t -> describe(t, now, d.showEnv()))
                        .toList());
            case Request.Stop s -> reply(ops.stopAll(Targets.workers(apps, s.target())), s.target());
            case Request.Restart r ->
                reply(ops.restartAll(withEnv(Targets.workers(apps, r.target()), r.updateEnv(), r.env())), r.target());
            case Request.Reload r ->
                reply(ops.reloadAll(withEnv(Targets.workers(apps, r.target()), r.updateEnv(), r.env())), r.target());
            case Request.Delete d -> delete(d.target());
            case Request.Scale s -> scale(s);
            case Request.SendSignal s -> done(ops.signal(Targets.workers(apps, s.target()), s.signal()));
            case Request.Reset r -> {
                for (Targets.Target t : Targets.workers(apps, r.target())) ops.reset(t.app(), t.worker());
                changed();
                yield done(Map.of("reset", r.target()));
            }
            case Request.Save s -> {
                saveNow();
                yield done(Map.of("saved", home.dumpFile().toString(), "apps", apps.size()));
            }
            case Request.Resurrect r -> done(resurrect());
            case Request.Flush f -> done(LogCommands.flush(apps, f.target()));
            case Request.ReloadLogs r -> done(LogCommands.reopen(apps));
            case Request.Logs l -> done(LogCommands.tail(apps, l));
            case Request.History h -> done(metrics.history().snapshot());
            case Request.Metrics m -> done(endpoint.serveOn(m.port()));
            case Request.Ping p -> done(Map.of("pong", true));
            case Request.Hello h -> done(null);
            case Request.Kill k -> done(null);
        };
    }

    private static CompletableFuture<Reply> done(Object result) {
        return CompletableFuture.completedFuture(Reply.ok(result));
    }

    private CompletableFuture<Reply> reply(CompletableFuture<?> work, String target) {
        long now = System.currentTimeMillis();
        return work.thenApplyAsync(x -> Reply.ok(Map.of("target", target, "workers", list(now))), actor);
    }

    private List<Map<String, Object>> list(long now) {
        return list(now, new TickUsage(metrics.latest()));
    }

    private List<Map<String, Object>> list(long now, Views.Usage usage) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (App app : apps.values()) {
            for (Worker w : app.workersView()) rows.add(Views.listItem(app, w, usage, now));
        }
        rows.sort((a, b) -> Integer.compare((int) a.get("id"), (int) b.get("id")));
        return rows;
    }

    private Map<String, Object> describe(Targets.Target t, long now, boolean showEnv) {
        Map<String, Object> m = Views.describe(t.app(), t.worker(), new TickUsage(metrics.latest()), now, showEnv);
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("scope", t.app().spec().metricsTree() ? "process tree" : "process");
        usage.put("intervalMs", metrics.intervalMs());
        usage.put(
                "history",
                metrics.history().worker(t.worker().id()).orElse(Map.of("cpu", new double[0], "memory", new long[0])));
        m.put("metrics", usage);
        return m;
    }

    private List<Targets.Target> withEnv(List<Targets.Target> targets, boolean update, Map<String, String> env) {
        if (update) {
            for (App app : Targets.apps(targets)) {
                Map<String, String> merged = new LinkedHashMap<>(app.spec().env());
                merged.putAll(env);
                app.updateSpec(app.spec().withEnv(merged));
            }
        }
        return targets;
    }

    private CompletableFuture<Reply> start(Request.Start s) {
        StartParsing.Parsed parsed = StartParsing.parse(s, home);
        List<String> started = new ArrayList<>();
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (AppSpec spec : parsed.specs()) {
            App existing = apps.get(spec.name());
            if (existing != null && s.source() == null) {
                throw new CommandException(
                        ErrorCode.CONFLICT,
                        "an app named \"" + spec.name() + "\" already exists; use jpm restart, or jpm delete first");
            }
        }
        cluster.bind(parsed.specs(), apps);
        for (AppSpec spec : parsed.specs()) {
            App existing = apps.get(spec.name());
            if (existing != null) {
                existing.updateSpec(spec);
                work.add(ops.restartAll(Targets.workers(apps, spec.name())));
                started.add(spec.name() + " (restarted)");
                continue;
            }
            App app = new App(spec, new AppLogs(spec, home.logs(), compressor));
            apps.put(spec.name(), app);
            for (int i = 0; i < spec.instances(); i++) {
                Worker w = app.addWorker(nextId++, i);
                lifecycle.spawn(app, w);
            }
            started.add(spec.name());
        }
        changed();
        long now = System.currentTimeMillis();
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                .thenApplyAsync(
                        x -> Reply.ok(Map.of("started", started, "warnings", parsed.warnings(), "workers", list(now))),
                        actor);
    }

    private CompletableFuture<Reply> delete(String target) {
        List<Targets.Target> targets = Targets.workers(apps, target);
        return ops.stopAll(targets)
                .thenApplyAsync(
                        x -> {
                            for (Targets.Target t : targets) {
                                App app = t.app();
                                app.removeWorker(t.worker());
                                lifecycle.event(app, t.worker(), "delete", Map.of());
                                if (app.workersView().isEmpty()) {
                                    apps.remove(app.name());
                                    app.closeLogs();
                                } else {
                                    app.updateSpec(app.spec()
                                            .withInstances(app.workersView().size()));
                                }
                            }
                            if (apps.isEmpty()) nextId = 0; // as PM2: with no app left, ids start again from 0
                            changed();
                            return Reply.ok(Map.of(
                                    "deleted",
                                    targets.stream().map(t -> t.worker().id()).toList()));
                        },
                        actor);
    }

    private CompletableFuture<Reply> scale(Request.Scale s) {
        App app = apps.get(s.app());
        if (app == null) throw CommandException.unknownApp(s.app());
        int current = app.workersView().size();
        String c = s.count();
        int wanted = c.startsWith("+") || c.startsWith("-") ? current + Integer.parseInt(c) : Integer.parseInt(c);
        if (wanted < 0) throw CommandException.badArgument("cannot scale " + app.name() + " below 0: " + c);
        if (wanted > 4096) throw CommandException.badArgument("too many instances: " + wanted);
        app.updateSpec(app.spec().withInstances(wanted));
        CompletableFuture<?> work;
        if (wanted > current) {
            for (int i = current; i < wanted; i++) {
                Worker w = app.addWorker(nextId++, app.freeInstance());
                lifecycle.spawn(app, w);
            }
            work = CompletableFuture.completedFuture(null);
        } else {
            List<Targets.Target> removed = new ArrayList<>();
            List<Worker> byInstance = new ArrayList<>(app.workersView());
            byInstance.sort((a, b) -> Integer.compare(b.instance(), a.instance()));
            for (Worker w : byInstance.subList(0, current - wanted)) removed.add(new Targets.Target(app, w));
            work = ops.retireAll(removed)
                    .thenRunAsync(
                            () -> {
                                for (Targets.Target t : removed) {
                                    app.removeWorker(t.worker());
                                    lifecycle.event(app, t.worker(), "delete", Map.of());
                                }
                            },
                            actor);
        }
        changed();
        return work.thenApplyAsync(
                x -> {
                    changed();
                    return Reply.ok(Map.of("app", app.name(), "instances", wanted));
                },
                actor);
    }

    private Map<String, Object> resurrect() {
        List<String> names = new Recovery(lifecycle, log, apps, home, compressor).resurrect(dump, false);
        nextId = Math.max(nextId, Recovery.nextId(apps));
        changed();
        return Map.of("resurrected", names);
    }

    /** Loads dump.json at start-up, adopting workers that survived the previous daemon. */
    public void recover() {
        onActor(() -> {
                    dump.read().ifPresent(s -> nextId = s.nextId());
                    List<String> names = new Recovery(lifecycle, log, apps, home, compressor).resurrect(dump, true);
                    nextId = Math.max(nextId, Recovery.nextId(apps));
                    if (!names.isEmpty()) log.info("resurrected " + names);
                    changed();
                    return CompletableFuture.completedFuture(null);
                })
                .join();
    }

    private void changed() {
        publishWatched();
        cluster.sync(apps);
        if (dumpQueued || shuttingDown) return;
        dumpQueued = true;
        actor.execute(() -> {
            dumpQueued = false;
            if (!shuttingDown) dump.save(snapshot());
        });
    }

    /** Hands the sampler the current workers and pids; every change of a worker's process goes through changed(). */
    private void publishWatched() {
        List<Watched> all = new ArrayList<>();
        for (App a : apps.values()) {
            for (Worker w : a.workersView()) {
                Long pid = Views.pid(w);
                all.add(new Watched(
                        w.id(), a.name(), pid == null ? 0 : pid, a.spec().metricsTree()));
            }
        }
        watched = List.copyOf(all);
    }

    private void saveNow() {
        try {
            dump.saveNow(snapshot());
        } catch (IOException e) {
            throw new CommandException(ErrorCode.INTERNAL, "cannot write " + home.dumpFile() + ": " + e.getMessage());
        }
    }

    private DumpStore.Snapshot snapshot() {
        return Recovery.snapshot(apps, nextId);
    }

    /**
     * Leaves every worker running for the next daemon to adopt, as after a crash: dump.json is written now, with
     * the workers' pids, and only the daemon's own parts stop (the unit's {@code KillMode=process} mode).
     */
    public CompletableFuture<Void> detach() {
        return onActor(() -> {
            dump.save(snapshot());
            shuttingDown = true;
            lifecycle.close();
            dump.close();
            metrics.close();
            endpoint.close();
            if (notifySocket != null) notifySocket.close();
            cluster.close();
            apps.values().forEach(App::closeLogs);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Stops every worker, keeping dump.json as it was so that the next daemon starts the same apps. */
    public CompletableFuture<Void> shutdown() {
        return onActor(() -> {
            dump.save(snapshot());
            shuttingDown = true;
            lifecycle.close();
            dump.close();
            List<Targets.Target> all = Targets.workers(apps, Request.ALL, true);
            metrics.close();
            endpoint.close();
            if (notifySocket != null) notifySocket.close();
            return ops.stopAll(all)
                    .thenRunAsync(
                            () -> {
                                cluster.close();
                                apps.values().forEach(App::closeLogs);
                            },
                            actor);
        });
    }
}
