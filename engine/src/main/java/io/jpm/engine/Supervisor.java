package io.jpm.engine;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.internal.App;
import io.jpm.engine.internal.AppLogs;
import io.jpm.engine.internal.DaemonLog;
import io.jpm.engine.internal.DumpStore;
import io.jpm.engine.internal.Lifecycle;
import io.jpm.engine.internal.LogCommands;
import io.jpm.engine.internal.LogReader;
import io.jpm.engine.internal.Recovery;
import io.jpm.engine.internal.StartParsing;
import io.jpm.engine.internal.Targets;
import io.jpm.engine.internal.UsageSampler;
import io.jpm.engine.internal.Views;
import io.jpm.engine.internal.Worker;
import io.jpm.engine.internal.WorkerOps;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
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
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Owns every app and worker and carries out the commands that change them.
 *
 * <p>Threading: all state lives on one thread, {@code jpm-supervisor} (the actor). Commands, process exits and
 * timers are all run there, so nothing here takes a lock. Nothing on the actor waits: a stop or a reload is a chain
 * of futures and timers, and the command's reply completes when the chain does.
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
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Views.Usage usage;
    private int nextId;
    private boolean dumpQueued;
    private boolean shuttingDown;

    /** The pids of running workers by worker id; replaced (never mutated) on the actor after each change. */
    private volatile Map<Integer, Long> livePids = Map.of();

    public Supervisor(JpmHome home, DaemonLog log, LongSupplier nanoClock, BiConsumer<String, Object> publisher)
            throws IOException {
        this.home = home;
        this.log = log;
        this.nanoClock = nanoClock;
        this.publisher = publisher;
        this.usage = new UsageSampler(() -> livePids, nanoClock, 1_000);
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> named(r, "jpm-supervisor"));
        ex.setRemoveOnCancelPolicy(true);
        this.actor = ex;
        this.compressor = Executors.newSingleThreadExecutor(r -> named(r, "jpm-log-compress"));
        Path run = home.root().resolve("run");
        JpmHome.createPrivateDir(run);
        this.dump = new DumpStore(home.dumpFile(), log::warn);
        String tag = Integer.toHexString(home.root().toString().hashCode());
        this.logReader = new LogReader(log::warn, System::currentTimeMillis);
        this.lifecycle = new Lifecycle(actor, run, tag, nanoClock, publisher, log::info, this::changed, logReader);
        this.ops = new WorkerOps(lifecycle, actor, nanoClock);
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.out.println(name + ": " + e);
            }
        }, name);
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
            case Request.Describe d -> done(Targets.workers(apps, d.target()).stream()
                    .map(t -> Views.describe(t.app(), t.worker(), usage, now, d.showEnv())).toList());
            case Request.Stop s -> reply(ops.stopAll(Targets.workers(apps, s.target())), s.target());
            case Request.Restart r -> reply(ops.restartAll(withEnv(Targets.workers(apps, r.target()), r.updateEnv(),
                    r.env())), r.target());
            case Request.Reload r -> reply(ops.reloadAll(withEnv(Targets.workers(apps, r.target()), r.updateEnv(),
                    r.env())), r.target());
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
            case Request.History h -> CompletableFuture.failedFuture(
                    new CommandException(ErrorCode.BAD_ARGUMENT, "history is not available yet"));
            case Request.Metrics m -> CompletableFuture.failedFuture(
                    new CommandException(ErrorCode.BAD_ARGUMENT, "metrics is not available yet"));
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
        List<Map<String, Object>> rows = new ArrayList<>();
        for (App app : apps.values()) {
            for (Worker w : app.workersView()) rows.add(Views.listItem(app, w, usage, now));
        }
        rows.sort((a, b) -> Integer.compare((int) a.get("id"), (int) b.get("id")));
        return rows;
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
                throw new CommandException(ErrorCode.CONFLICT, "an app named \"" + spec.name()
                        + "\" already exists; use jpm restart, or jpm delete first");
            }
        }
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
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).thenApplyAsync(x -> Reply.ok(Map.of(
                "started", started, "warnings", parsed.warnings(), "workers", list(now))), actor);
    }

    private CompletableFuture<Reply> delete(String target) {
        List<Targets.Target> targets = Targets.workers(apps, target);
        return ops.stopAll(targets).thenApplyAsync(x -> {
            for (Targets.Target t : targets) {
                App app = t.app();
                app.removeWorker(t.worker());
                lifecycle.event(app, t.worker(), "delete", Map.of());
                if (app.workersView().isEmpty()) {
                    apps.remove(app.name());
                    app.closeLogs();
                } else {
                    app.updateSpec(app.spec().withInstances(app.workersView().size()));
                }
            }
            changed();
            return Reply.ok(Map.of("deleted", targets.stream().map(t -> t.worker().id()).toList()));
        }, actor);
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
            work = ops.stopAll(removed).thenRunAsync(() -> {
                for (Targets.Target t : removed) {
                    app.removeWorker(t.worker());
                    lifecycle.event(app, t.worker(), "delete", Map.of());
                }
            }, actor);
        }
        changed();
        return work.thenApplyAsync(x -> {
            changed();
            return Reply.ok(Map.of("app", app.name(), "instances", wanted));
        }, actor);
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
        }).join();
    }

    private void changed() {
        Map<Integer, Long> pids = new java.util.HashMap<>();
        for (App a : apps.values()) {
            for (Worker w : a.workersView()) {
                Long pid = Views.pid(w);
                if (pid != null) pids.put(w.id(), pid);
            }
        }
        livePids = Map.copyOf(pids);
        if (dumpQueued || shuttingDown) return;
        dumpQueued = true;
        actor.execute(() -> {
            dumpQueued = false;
            if (!shuttingDown) dump.save(snapshot());
        });
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

    /** Stops every worker, keeping dump.json as it was so that the next daemon starts the same apps. */
    public CompletableFuture<Void> shutdown() {
        return onActor(() -> {
            dump.save(snapshot());
            shuttingDown = true;
            dump.close();
            List<Targets.Target> all = Targets.workers(apps, Request.ALL, true);
            return ops.stopAll(all).thenRun(() -> apps.values().forEach(App::closeLogs));
        });
    }
}
