package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.CronSchedule;
import io.jpm.engine.config.WatchSettings;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.watch.IgnoreRules;
import io.jpm.engine.watch.TreeWatcher;
import io.jpm.ipc.wire.WorkerStatus;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Restarts an app when its watched files change ({@code watch}) or its {@code cron_restart} comes due; a cluster app
 * gets a rolling reload. Its only hook is {@link #sync}, called on every change of apps or workers: it watches and
 * schedules what the running apps ask for and drops the rest.
 *
 * <p>Coalescing: a change arms a timer; the restart runs once the tree has been quiet for {@code watch_delay} (at
 * least {@link #MIN_QUIET_MS}), so a {@code git checkout} of 500 files restarts once. A change during a restart
 * waits for it to finish and then for quiet again.
 *
 * <p>Threading: runs on the actor; times come from its clocks and timers from its scheduler, so a test drives it by
 * hand. The {@link TreeWatcher} (thread {@code jpm-watch}) is made on first use and hands changes to the actor.
 */
final class RestartTriggers {
    /** The shortest quiet period before a watch restart, so that PM2's default watch_delay of 0 still coalesces. */
    static final long MIN_QUIET_MS = 250;
    /** How long an app must stay stopped before its watch is dropped (a restart passes through stopped). */
    static final long STOPPED_GRACE_MS = 2000;

    private final Apps apps;
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final WorkerOps ops;
    private final DaemonLog log;
    private final Supplier<TreeWatcher> watcherFactory;
    private final ZoneId zone;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Made on first use; read by tests from their thread. */
    private volatile TreeWatcher watcher;

    /** One app's triggers. */
    private static final class Entry {
        WatchSettings watchSettings;
        TreeWatcher.Watch watch;
        long lastChangeNanos;
        ScheduledFuture<?> quiet;
        CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);
        String cron;
        ScheduledFuture<?> cronTimer;
        long stoppedSinceNanos = -1;
    }

    RestartTriggers(
            Apps apps,
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            WorkerOps ops,
            DaemonLog log,
            Supplier<TreeWatcher> watcherFactory,
            ZoneId zone) {
        this.apps = apps;
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.ops = ops;
        this.log = log;
        this.watcherFactory = watcherFactory;
        this.zone = zone;
    }

    /** Brings the watches and schedules in line with the apps: running apps are served, stopped or gone ones dropped. */
    void sync() {
        for (String name : List.copyOf(entries.keySet())) {
            if (apps.get(name) == null) drop(name);
        }
        for (App app : apps.all()) {
            AppSpec s = app.spec();
            Entry e = entries.get(app.name());
            if (e == null && !s.watch().enabled() && s.restart().cronRestart() == null) continue;
            if (e == null) entries.put(app.name(), e = new Entry());
            boolean running = running(app);
            long now = nanoClock.getAsLong();
            if (running) {
                e.stoppedSinceNanos = -1;
            } else if (e.stoppedSinceNanos < 0) {
                e.stoppedSinceNanos = now;
                actor.schedule(this::sync, STOPPED_GRACE_MS, TimeUnit.MILLISECONDS);
            }
            boolean keep = running || now - e.stoppedSinceNanos < TimeUnit.MILLISECONDS.toNanos(STOPPED_GRACE_MS);
            syncWatch(app, e, keep && s.watch().enabled() ? s.watch() : null);
            syncCron(app, e, keep ? s.restart().cronRestart() : null);
            if (e.watch == null
                    && e.cron == null
                    && !s.watch().enabled()
                    && s.restart().cronRestart() == null) {
                entries.remove(app.name());
            }
        }
    }

    /**
     * True unless the app was stopped: any worker online, starting, waiting to restart, or errored, or one that ended
     * on its own ({@code autorestart: false}, {@code stop_exit_codes}: it has a reason), which PM2 keeps watching so
     * that a change starts it again.
     */
    private static boolean running(App app) {
        for (Worker w : app.workersView()) {
            if (w.status() != WorkerStatus.STOPPED || w.reason() != null) return true;
        }
        return false;
    }

    private void syncWatch(App app, Entry e, WatchSettings want) {
        if (Objects.equals(e.watchSettings, want)) return;
        closeWatch(e);
        e.watchSettings = want;
        if (want == null) return;
        Path cwd = app.spec().run().cwd();
        List<Path> roots = new ArrayList<>();
        for (String p : want.paths()) roots.add(Path.of(p));
        IgnoreRules rules = IgnoreRules.of(cwd, want.ignore(), roots);
        if (watcher == null) watcher = watcherFactory.get();
        String name = app.name();
        TreeWatcher.Watch[] self = new TreeWatcher.Watch[1];
        self[0] = watcher.watch(roots, rules, want.followSymlinks(), () -> actor.execute(() -> changed(name, self[0])));
        e.watch = self[0];
        log.info("app " + name + ": watching " + String.join(", ", want.paths()));
    }

    private static void closeWatch(Entry e) {
        if (e.watch != null) e.watch.close();
        e.watch = null;
        e.watchSettings = null;
        if (e.quiet != null) e.quiet.cancel(false);
        e.quiet = null;
    }

    /** A change under the app's tree (on the actor, at most one task per burst until it rearms). */
    void changed(String name, TreeWatcher.Watch watch) {
        Entry e = entries.get(name);
        if (e == null || e.watch != watch) return;
        watch.rearm();
        e.lastChangeNanos = nanoClock.getAsLong();
        if (e.quiet == null) e.quiet = actor.schedule(() -> quietCheck(name), quietMs(e), TimeUnit.MILLISECONDS);
    }

    private static long quietMs(Entry e) {
        return Math.max(MIN_QUIET_MS, e.watchSettings == null ? 0 : e.watchSettings.delayMs());
    }

    private void quietCheck(String name) {
        Entry e = entries.get(name);
        if (e == null || e.watch == null) return;
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMs(e));
        long since = nanoClock.getAsLong() - e.lastChangeNanos;
        if (since < quietNanos || !e.restarting.isDone()) {
            long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(quietNanos - since));
            e.quiet = actor.schedule(() -> quietCheck(name), waitMs, TimeUnit.MILLISECONDS);
            return;
        }
        e.quiet = null;
        e.restarting = restart(name, "a change in its watched files");
    }

    private void syncCron(App app, Entry e, String want) {
        if (Objects.equals(e.cron, want) && (want == null || e.cronTimer != null)) return;
        if (e.cronTimer != null) e.cronTimer.cancel(false);
        e.cronTimer = null;
        e.cron = want;
        if (want != null) scheduleCron(app.name(), e);
    }

    private void scheduleCron(String name, Entry e) {
        long now = wallClock.getAsLong();
        Optional<Long> next = nextRun(e.cron, now, zone);
        if (next.isEmpty()) return;
        e.cronTimer = actor.schedule(() -> cronDue(name, e), Math.max(0, next.get() - now), TimeUnit.MILLISECONDS);
    }

    private void cronDue(String name, Entry e) {
        if (entries.get(name) != e || e.cron == null) return;
        restart(name, "cron_restart " + e.cron);
        scheduleCron(name, e);
    }

    /** The next run of {@code cron} strictly after {@code nowMs}; empty when none. */
    static Optional<Long> nextRun(String cron, long nowMs, ZoneId zone) {
        return CronSchedule.parse(cron).nextAfter(nowMs, zone);
    }

    private CompletableFuture<Void> restart(String name, String why) {
        App app = apps.get(name);
        if (app == null) return CompletableFuture.completedFuture(null);
        List<Targets.Target> targets = new ArrayList<>();
        for (Worker w : app.workersView()) targets.add(new Targets.Target(app, w));
        boolean cluster = app.spec().run().mode() == AppSpec.ExecMode.CLUSTER;
        log.info("app " + name + ": " + (cluster ? "reloading" : "restarting") + " for " + why);
        return cluster ? ops.reloadAll(targets) : ops.restartAll(targets);
    }

    private void drop(String name) {
        Entry e = entries.remove(name);
        if (e == null) return;
        closeWatch(e);
        if (e.cronTimer != null) e.cronTimer.cancel(false);
    }

    /** Whether a watch restart of {@code app} waits for quiet (for tests). */
    boolean pending(String app) {
        Entry e = entries.get(app);
        return e != null && e.quiet != null;
    }

    /** Directories registered with inotify over every app (read from any thread; for tests). */
    int watchedDirectories() {
        TreeWatcher w = watcher;
        return w == null ? 0 : w.directories();
    }

    /** Whether {@code app} is watched now (for tests). */
    boolean watching(String app) {
        Entry e = entries.get(app);
        return e != null && e.watch != null;
    }

    /** Drops every trigger and stops the watcher thread. */
    void close() {
        for (String name : List.copyOf(entries.keySet())) drop(name);
        if (watcher != null) watcher.close();
        watcher = null;
    }
}
