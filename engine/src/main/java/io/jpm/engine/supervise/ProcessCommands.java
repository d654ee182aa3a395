package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.ConfigException;
import io.jpm.engine.config.Run;
import io.jpm.engine.config.Settings;
import io.jpm.engine.config.StartOrder;
import io.jpm.engine.config.WatchSettings;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.EventKind;
import io.jpm.ipc.wire.Results;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** The commands that start, stop and change apps and their workers. Runs on the actor. */
final class ProcessCommands {
    /** The most workers one app may have; the same bound as a config file's instances. */
    static final int MAX_INSTANCES = Run.MAX_INSTANCES;

    private final Apps apps;
    private final JpmHome home;
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final Lifecycle lifecycle;
    private final WorkerOps ops;
    private final StatsTicker stats;
    private final Persistence persistence;

    ProcessCommands(
            Apps apps,
            JpmHome home,
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            Lifecycle lifecycle,
            WorkerOps ops,
            StatsTicker stats,
            Persistence persistence) {
        this.apps = apps;
        this.home = home;
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.lifecycle = lifecycle;
        this.ops = ops;
        this.stats = stats;
        this.persistence = persistence;
    }

    Results.Workers list() {
        return new Results.Workers(stats.list(wallClock.getAsLong()));
    }

    Results.Details describe(Request.Describe d) {
        long now = wallClock.getAsLong();
        return new Results.Details(apps.targets(d.target()).stream()
                .map(t -> stats.describe(t, now, d.showEnv()))
                .toList());
    }

    CompletableFuture<Reply> stop(Request.Stop s) {
        List<Targets.Target> targets = apps.targets(s.target());
        for (App app : Targets.apps(targets)) { // PM2: every stop ends watching, until restart --watch
            if (app.spec().watch().enabled())
                app.updateSpec(app.spec().withWatch(app.spec().watch().off()));
        }
        return reply(ops.stopInOrder(targets), s.target());
    }

    CompletableFuture<Reply> restart(Request.Restart r) {
        List<Targets.Target> targets = withEnv(apps.targets(r.target()), r.updateEnv(), r.env());
        if (r.toggleWatch()) {
            for (App app : Targets.apps(targets)) {
                WatchSettings watch = app.spec().watch();
                app.updateSpec(app.spec()
                        .withWatch(
                                watch.enabled()
                                        ? watch.off()
                                        : watch.at(app.spec().run().cwd())));
            }
        }
        return reply(ops.restartAll(targets), r.target());
    }

    CompletableFuture<Reply> reload(Request.Reload r) {
        return reply(ops.reloadAll(withEnv(apps.targets(r.target()), r.updateEnv(), r.env())), r.target());
    }

    Results.Signals signal(Request.SendSignal s) {
        return ops.signal(apps.targets(s.target()), s.signal());
    }

    Results.ResetDone reset(Request.Reset r) {
        for (Targets.Target t : apps.targets(r.target())) ops.reset(t.app(), t.worker());
        persistence.changed();
        return new Results.ResetDone(r.target());
    }

    private CompletableFuture<Reply> reply(CompletableFuture<?> work, String target) {
        long now = wallClock.getAsLong();
        return work.thenApplyAsync(x -> Reply.ok(new Results.Changed(target, stats.list(now))), actor);
    }

    private List<Targets.Target> withEnv(List<Targets.Target> targets, boolean update, Map<String, String> env) {
        if (update) {
            for (App app : Targets.apps(targets)) {
                Map<String, String> merged =
                        new LinkedHashMap<>(app.spec().run().env());
                merged.putAll(env);
                app.updateSpec(app.spec().withEnv(merged));
            }
        }
        return targets;
    }

    CompletableFuture<Reply> start(Request.Start s) {
        List<Targets.Target> named = existingByName(s);
        if (!named.isEmpty()) { // PM2: "pm2 start api" with an app api restarts it
            List<String> names = Targets.apps(named).stream()
                    .map(a -> a.name() + (s.reload() ? " (reloaded)" : " (restarted)"))
                    .toList();
            return again(s.reload() ? ops.reloadAll(named) : ops.restartAll(named), names, List.of());
        }
        StartRequestReader.Parsed parsed = StartRequestReader.parse(s, home);
        List<AppSpec> ordered;
        try {
            ordered = StartOrder.sort(parsed.specs(), name -> apps.get(name) != null);
        } catch (ConfigException e) {
            throw CommandException.badArgument(String.join("\n", e.problems()));
        }
        List<String> started = new ArrayList<>();
        for (AppSpec spec : parsed.specs()) {
            App existing = apps.get(spec.name());
            if (existing != null && s.source() == null && !s.force() && !existing.idle()) {
                throw new CommandException(
                        ErrorCode.CONFLICT,
                        "script already launched as \"" + spec.name() + "\"; add -f to start more instances of it, "
                                + "or use jpm restart");
            }
        }
        lifecycle.bind(parsed.specs(), apps::get);
        StartSequence sequence = new StartSequence(actor, nanoClock, apps);
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (AppSpec spec : ordered) work.add(sequence.add(spec, next -> startOne(next, s, started)));
        List<String> warnings = new ArrayList<>(parsed.warnings());
        CompletableFuture<Void> all = CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                .thenRunAsync(() -> warnings.addAll(sequence.warnings()), actor);
        return again(all, started, warnings);
    }

    /**
     * Starts one app of a start command; completes when it has started. An app that exists is restarted (reloaded
     * for startOrReload), as PM2's start; with {@code -f} a script start adds instances to it instead.
     */
    private CompletableFuture<?> startOne(AppSpec spec, Request.Start s, List<String> started) {
        App existing = apps.get(spec.name());
        if (existing != null && s.source() == null && s.force()) {
            int wanted = existing.workersView().size() + spec.run().instances();
            if (wanted > MAX_INSTANCES) throw CommandException.badArgument("too many instances: " + wanted);
            App.Reconcile plan = existing.reconcile(wanted);
            for (int i = 0; i < plan.toAdd(); i++) lifecycle.spawn(existing, existing.addWorker(apps.newId()));
            started.add(spec.name() + " (+" + plan.toAdd() + ")");
            return CompletableFuture.completedFuture(null);
        }
        if (existing != null) {
            existing.updateSpec(spec);
            List<Targets.Target> all = apps.targets(spec.name());
            started.add(spec.name() + (s.reload() ? " (reloaded)" : " (restarted)"));
            return (s.reload() ? ops.reloadAll(all) : ops.restartAll(all)).thenRunAsync(persistence::changed, actor);
        }
        App app = apps.create(spec);
        for (int i = 0; i < spec.run().instances(); i++) lifecycle.spawn(app, app.addWorker(apps.newId(), i));
        started.add(spec.name());
        persistence.changed();
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Reply> again(CompletableFuture<?> work, List<String> started, List<String> warnings) {
        persistence.changed();
        long now = wallClock.getAsLong();
        return work.thenApplyAsync(x -> Reply.ok(new Results.Started(started, warnings, stats.list(now))), actor);
    }

    /**
     * The workers a script start names when its script is a bare word that is an app's name or a worker's id (no
     * path, no extension, no name or arguments given), as PM2's start; none otherwise.
     */
    private List<Targets.Target> existingByName(Request.Start s) {
        if (s.source() != null || s.apps().size() != 1) return List.of();
        com.fasterxml.jackson.databind.JsonNode app = s.apps().get(0);
        if (app.has(Settings.NAME.key().key()) || app.has(Settings.ARGS.key().key())) return List.of();
        String script = app.path(Settings.SCRIPT.key().key()).asText("");
        if (script.isEmpty() || Request.ALL.equals(script) || !script.matches("[A-Za-z0-9_@:-]+")) return List.of();
        App named = apps.get(script);
        if (named != null) return apps.targets(script);
        if (!script.matches("[0-9]{1,9}")) return List.of();
        int id = Integer.parseInt(script);
        return apps.all().stream()
                .flatMap(a -> a.workersView().stream().filter(w -> w.id() == id).map(w -> new Targets.Target(a, w)))
                .toList();
    }

    CompletableFuture<Reply> delete(Request.Delete d) {
        List<Targets.Target> targets = apps.targets(d.target());
        return ops.stopInOrder(targets).thenApplyAsync(x -> deleted(targets), actor);
    }

    private Reply deleted(List<Targets.Target> targets) {
        for (Targets.Target t : targets) {
            App app = t.app();
            remove(app, t.worker());
            if (app.workersView().isEmpty()) {
                apps.remove(app);
            } else {
                app.reconcile(app.workersView().size());
            }
        }
        persistence.changed();
        return Reply.ok(
                new Results.Deleted(targets.stream().map(t -> t.worker().id()).toList()));
    }

    private void remove(App app, Worker w) {
        app.removeWorker(w);
        lifecycle.events().emit(app, w, EventKind.DELETE);
    }

    CompletableFuture<Reply> scale(Request.Scale s) {
        App app = apps.require(s.app());
        int current = app.workersView().size();
        String c = s.count();
        int wanted = c.startsWith("+") || c.startsWith("-") ? current + Integer.parseInt(c) : Integer.parseInt(c);
        if (wanted < 0) throw CommandException.badArgument("cannot scale " + app.name() + " below 0: " + c);
        if (wanted > MAX_INSTANCES) throw CommandException.badArgument("too many instances: " + wanted);
        App.Reconcile plan = app.reconcile(wanted);
        for (int i = 0; i < plan.toAdd(); i++) lifecycle.spawn(app, app.addWorker(apps.newId()));
        List<Targets.Target> retired =
                plan.toRetire().stream().map(w -> new Targets.Target(app, w)).toList();
        CompletableFuture<?> work = retired.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : ops.retireAll(retired).thenRunAsync(() -> retired.forEach(t -> remove(app, t.worker())), actor);
        persistence.changed();
        return work.thenApplyAsync(
                x -> {
                    persistence.changed();
                    return Reply.ok(new Results.Scaled(app.name(), wanted));
                },
                actor);
    }
}
