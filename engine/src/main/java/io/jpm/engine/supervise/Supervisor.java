package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterRouting;
import io.jpm.engine.config.DaemonEnvironment;
import io.jpm.engine.config.DaemonSettings;
import io.jpm.engine.health.Prober;
import io.jpm.engine.logs.AppLogs;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.logs.LogReader;
import io.jpm.engine.logs.Publisher;
import io.jpm.engine.metrics.MetricsEndpoint;
import io.jpm.engine.metrics.MetricsService;
import io.jpm.engine.metrics.OshiHost;
import io.jpm.engine.metrics.ProcFs;
import io.jpm.engine.persist.DumpStore;
import io.jpm.engine.sockets.ListenSockets;
import io.jpm.engine.watch.TreeWatcher;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Owns every app and worker: wires the pieces of supervision together (the one place that does) and hands each
 * command to the handler of its concern through one switch.
 *
 * <p>Threading: all state lives on one thread, the actor (a {@link ScheduledExecutorService} given to the
 * constructor, in the daemon an {@link ActorExecutor} named {@code jpm-supervisor}). Commands, process exits and
 * timers all run there, so nothing here takes a lock. A stop or a reload is a chain of futures and timers, and the
 * command's reply completes when the chain does. The daemon's own commands (ping, hello, kill) are answered on the
 * caller's thread so that a busy actor never delays them. Starting an app from an ecosystem file runs {@code node}
 * on the actor (up to its 10 s timeout).
 */
public final class Supervisor {
    /** The commands that are the daemon's own rather than the apps': answered off the actor. */
    public interface DaemonCommands {
        Reply ping();

        Reply hello(String topic);

        Reply kill();

        /** Ends the daemon alone, leaving every app running for the next daemon to adopt ({@code jpm update}). */
        default Reply update() {
            return Reply.error(io.jpm.ipc.ErrorCode.BAD_ARGUMENT, "this daemon cannot hand its apps over");
        }

        /** Reopens the daemon's own log file (before the apps' files are reopened). */
        void reopenOwnLog();

        /** Turns access from other hosts on or off, or tells where it is. */
        default CompletableFuture<Reply> remote(Request.RemoteAccess request) {
            return CompletableFuture.completedFuture(
                    Reply.error(io.jpm.ipc.ErrorCode.BAD_ARGUMENT, "this daemon has no remote access"));
        }
    }

    private final ScheduledExecutorService actor;
    private final ExecutorService compressor;
    private final DaemonCommands daemon;
    private final Apps apps;
    private final ClusterRouting cluster;
    /** The listening sockets the daemon holds for apps (cluster's socket mode, node's cluster protocol). */
    private final ListenSockets sockets = new ListenSockets();

    private final Lifecycle lifecycle;
    private final WorkerNotices notices;
    private final HealthGuard health;
    private final WorkerOps ops;
    private final StatsTicker stats;
    private final Persistence persistence;
    private final ProcessCommands processes;
    private final StateCommands state;
    private final RestartTriggers triggers;
    private final NodeWorkers node;

    /**
     * Wires supervision for {@code home}. {@code nanoClock} measures uptimes and timeouts, {@code wallClock} stamps
     * events and history; {@code publisher} sends events, stats and log lines to subscribers; {@code environment} is
     * what the daemon read from its own environment ({@code PM2_KILL_USE_MESSAGE}).
     */
    public Supervisor(
            JpmHome home,
            DaemonLog log,
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            Publisher publisher,
            DaemonCommands daemon,
            DaemonEnvironment environment)
            throws IOException {
        this.actor = actor;
        this.daemon = daemon;
        this.compressor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jpm-log-compress");
            t.setDaemon(true);
            return t;
        });
        Path run = home.root().resolve("run");
        JpmHome.createPrivateDir(run);
        this.apps = new Apps(spec -> new AppLogs(spec, home.logs(), home.pids(), compressor, log));
        DaemonSettings settings = DaemonSettings.read(home.settings(), log::warn);
        LogReader logReader = new LogReader(log, wallClock);
        Runnable[] changed = new Runnable[1];
        this.cluster = new ClusterRouting(actor, nanoClock, log, () -> changed[0].run(), sockets);
        this.node = new NodeWorkers(apps, actor, log, () -> changed[0].run(), sockets, environment.killUseMessage());
        node.start(nanoClock);
        WorkerLauncher launcher = new WorkerLauncher(
                actor, run, WorkerLauncher.homeTag(home), nanoClock, wallClock, publisher, logReader, node);
        this.lifecycle = new Lifecycle(
                actor,
                nanoClock,
                wallClock,
                log,
                () -> changed[0].run(),
                cluster,
                launcher,
                new TreeStopper(actor, nanoClock, node::askToShutdown),
                node,
                new WorkerEvents(publisher, wallClock));
        this.ops = new WorkerOps(lifecycle, actor, nanoClock);
        this.triggers = new RestartTriggers(
                apps, actor, nanoClock, wallClock, ops, log, () -> TreeWatcher.open(log), ZoneId.systemDefault());
        this.stats = new StatsTicker(
                apps,
                actor,
                publisher,
                new MetricsEndpoint(home, settings, log),
                new MemoryGuard(lifecycle),
                (targets, ticks) -> new MetricsService(
                        settings.sampleIntervalMs(),
                        targets,
                        new OshiHost(),
                        ProcFs.system(),
                        nanoClock,
                        wallClock,
                        ticks,
                        log));
        this.persistence = new Persistence(apps, new DumpStore(home.stateFile(), log), home.stateFile(), actor, () -> {
            stats.workersChanged();
            cluster.sync(apps::get);
            node.sync(apps::get);
            triggers.sync();
        });
        changed[0] = persistence::changed;
        this.processes =
                new ProcessCommands(apps, home, actor, nanoClock, wallClock, lifecycle, ops, stats, persistence);
        Recovery recovery = new Recovery(lifecycle, actor, log, apps);
        this.state = new StateCommands(apps, home, persistence, recovery, log);
        this.notices =
                new WorkerNotices(apps, actor, nanoClock, wallClock, log, lifecycle, new WatchdogGuard(lifecycle));
        stats.start();
        this.health = new HealthGuard(apps, actor, nanoClock, lifecycle, new Prober(nanoClock, wallClock), log);
        notices.start(run);
        health.start();
    }

    /** The watch and cron_restart triggers, for tests. */
    RestartTriggers triggers() {
        return triggers;
    }

    /** Runs {@code task} on the actor. */
    private <T> CompletableFuture<T> onActor(Supplier<CompletableFuture<T>> task) {
        return CompletableFuture.supplyAsync(task, actor).thenCompose(f -> f);
    }

    /** Carries out one command; the daemon's own are answered at once, the rest on the actor. */
    public CompletableFuture<Reply> handle(Request request) {
        return switch (request) {
            case Request.Ping p -> done(daemon.ping());
            case Request.Hello h -> done(daemon.hello(h.topic()));
            case Request.Kill k -> done(daemon.kill());
            case Request.Update u -> done(daemon.update());
            case Request.Start s -> durable(onActor(() -> processes.start(s)));
            case Request.ListWorkers l -> onActor(() -> ok(processes.list()));
            case Request.Describe d -> onActor(() -> ok(processes.describe(d)));
            case Request.Stop s -> durable(onActor(() -> processes.stop(s)));
            case Request.Restart r -> durable(onActor(() -> processes.restart(r)));
            case Request.Reload r -> durable(onActor(() -> processes.reload(r)));
            case Request.Delete d -> durable(onActor(() -> processes.delete(d)));
            case Request.Scale s -> durable(onActor(() -> processes.scale(s)));
            case Request.SendSignal s -> onActor(() -> ok(processes.signal(s)));
            case Request.Reset r -> durable(onActor(() -> ok(processes.reset(r))));
            case Request.Save s -> onActor(() -> ok(state.save()));
            case Request.Resurrect r -> durable(onActor(() -> ok(state.resurrect())));
            case Request.Flush f -> onActor(() -> ok(LogCommands.flush(apps, f.target())));
            case Request.ReloadLogs r -> {
                daemon.reopenOwnLog();
                yield onActor(() -> ok(LogCommands.reopen(apps)));
            }
            case Request.Logs l -> onActor(() -> ok(LogCommands.tail(apps, l)));
            case Request.History h -> onActor(() -> ok(stats.history()));
            case Request.Metrics m -> onActor(() -> ok(stats.serveOn(m.port(), m.address())));
            case Request.RemoteAccess r -> daemon.remote(r);
        };
    }

    /**
     * A command that changes the apps is acknowledged once state.json holds the change, so that a daemon killed right
     * after the reply still brings back what the reply said.
     */
    private CompletableFuture<Reply> durable(CompletableFuture<Reply> command) {
        return command.thenCompose(reply -> persistence.written().thenApply(v -> reply));
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static CompletableFuture<Reply> ok(WireValue result) {
        return done(Reply.ok(result));
    }

    /** Loads state.json at start-up, adopting workers that survived the previous daemon. */
    public void recover() {
        recover(false);
    }

    /**
     * Loads state.json at start-up, adopting workers that survived the previous daemon; with {@code restoreSaved}
     * (the boot unit's daemon), starts the apps of dump.json when there is no state of this boot.
     */
    public void recover(boolean restoreSaved) {
        onActor(() -> {
                    state.recover(restoreSaved);
                    return CompletableFuture.completedFuture(null);
                })
                .join();
    }

    /**
     * Stops every worker, then removes state.json, so that the next daemon starts empty (PM2's kill); dump.json, what
     * the user saved, is left as it is. A daemon that dies before the workers are stopped leaves state.json for the
     * next to adopt them.
     */
    public CompletableFuture<Void> shutdown() {
        return onActor(() -> {
            stopReacting();
            return ops.stopInOrder(apps.targets(Request.ALL, true))
                    .thenRunAsync(
                            () -> {
                                releaseAppResources();
                                persistence.forget();
                            },
                            actor);
        });
    }

    /**
     * Leaves every worker running for the next daemon to adopt, as after a crash: state.json is written now, with the
     * workers' pids, and only the daemon's own parts stop (the systemd unit's {@code KillMode=process}).
     */
    public CompletableFuture<Void> detach() {
        return onActor(() -> {
            stopReacting();
            releaseAppResources();
            return CompletableFuture.completedFuture(null);
        });
    }

    /** The first step of shutdown and detach: nothing starts, restarts, probes, samples or persists any more. */
    private void stopReacting() {
        lifecycle.close();
        triggers.close();
        persistence.close();
        stats.close();
        notices.close();
        health.close();
    }

    /** The last step of shutdown and detach: the balancers, node's channels, the listening sockets and the logs close. */
    private void releaseAppResources() {
        cluster.close();
        node.close();
        sockets.close();
        apps.all().forEach(App::closeLogs);
    }
}
