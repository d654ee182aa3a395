package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.HealthSettings;
import io.jpm.engine.config.StartOrder;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.ProcessTree;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.wire.Results;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/** The commands that act on a set of workers: stop, restart, reload, signal and reset. Runs on the actor. */
public final class WorkerOps {
    private final Lifecycle lifecycle;
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;

    public WorkerOps(Lifecycle lifecycle, ScheduledExecutorService actor, LongSupplier nanoClock) {
        this.lifecycle = lifecycle;
        this.actor = actor;
        this.nanoClock = nanoClock;
    }

    /**
     * Stops every target, in the reverse of depends_on's order: the apps that no other target depends on first, and
     * each wave once the one before it is down; all at once (one wave) when no target depends on another.
     */
    public CompletableFuture<Void> stopInOrder(List<Targets.Target> targets) {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        for (App app : Targets.apps(targets)) {
            dependsOn.put(
                    app.name(),
                    app.spec().health().dependsOn().stream()
                            .map(HealthSettings.Dependency::app)
                            .toList());
        }
        List<List<String>> waves = StartOrder.stopWaves(dependsOn);
        if (waves.size() <= 1) return stopAll(targets);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (List<String> wave : waves) {
            List<Targets.Target> these =
                    targets.stream().filter(t -> wave.contains(t.app().name())).toList();
            chain = chain.thenComposeAsync(v -> stopAll(these), actor);
        }
        return chain;
    }

    /** Stops every target at once (all trees are signalled together) and completes when all are down. */
    public CompletableFuture<Void> stopAll(List<Targets.Target> targets) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        ProcessTree.Table table = targets.size() > 1 ? ProcessTree.Table.now() : null;
        for (Targets.Target t : targets) all.add(lifecycle.stop(t.app(), t.worker(), table, null));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /**
     * Stops workers that are going away for good (a scale-down): in cluster mode each first leaves the rotation and
     * its connections drain, up to drain_timeout.
     */
    public CompletableFuture<Void> retireAll(List<Targets.Target> targets) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Targets.Target t : targets) {
            all.add(lifecycle
                    .drain(t.app(), t.worker(), t.worker().process())
                    .handleAsync((x, e) -> lifecycle.stop(t.app(), t.worker()), actor)
                    .thenCompose(f -> f));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    public CompletableFuture<Void> restartAll(List<Targets.Target> targets) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        ProcessTree.Table table = targets.size() > 1 ? ProcessTree.Table.now() : null;
        for (Targets.Target t : targets) {
            boolean running = t.worker().process() != null; // as PM2, restarting a worker that was down is no restart
            all.add(lifecycle
                    .stop(t.app(), t.worker(), table, null)
                    .thenRunAsync(
                            () -> {
                                if (running) lifecycle.respawn(t.app(), t.worker());
                                else lifecycle.spawn(t.app(), t.worker());
                            },
                            actor));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /**
     * Replaces each target's process one at a time: the new process starts and must be ready before its old one
     * stops. In fork mode ready means still running after the shorter of min_uptime and listen_timeout. In cluster
     * mode it means accepting on its port (or having printed its ready line) within listen_timeout; the new process
     * then joins the rotation, the old one leaves it and its connections drain (up to drain_timeout) before it is
     * stopped. A new process that is not ready in time, or that dies in cluster mode, ends the reload with an error and
     * leaves the old one running; one that dies in fork mode could not run next to the old one (a fixed port, a lock
     * file), so the worker is restarted instead, which is how PM2 reloads every fork app.
     */
    public CompletableFuture<Void> reloadAll(List<Targets.Target> targets) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Targets.Target t : targets) {
            chain = chain.thenComposeAsync(x -> reloadOne(t.app(), t.worker()), actor);
        }
        return chain;
    }

    private CompletableFuture<Void> reloadOne(App app, Worker w) {
        if (w.process() == null) {
            lifecycle.spawn(app, w);
            return CompletableFuture.completedFuture(null);
        }
        if (w.stopping()) {
            lifecycle.respawn(app, w);
            return CompletableFuture.completedFuture(null);
        }
        RunningProcess fresh;
        try {
            fresh = lifecycle.launch(app, w);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new CommandException(
                    ErrorCode.INTERNAL,
                    "reload of " + app.name() + " worker " + w.id() + " failed to start: " + e.getMessage()));
        }
        return lifecycle
                .whenReady(app, fresh)
                .thenComposeAsync(
                        ok -> {
                            boolean running = ProcessTree.isRunning(fresh.handle());
                            if (!running && app.spec().run().mode() == AppSpec.ExecMode.FORK) {
                                // it cannot run next to the old one (a fixed port, a lock): PM2's fork reload
                                return restartAll(List.of(new Targets.Target(app, w)));
                            }
                            if (!ok || !running) {
                                String why = running
                                        ? " was not ready within listen_timeout ("
                                                + app.spec().cluster().listenTimeoutMs() + " ms)"
                                        : " exited during reload";
                                if (running) lifecycle.killTree(app, fresh);
                                return CompletableFuture.failedFuture(new CommandException(
                                        ErrorCode.CONFLICT,
                                        "the new process of " + app.name() + " worker " + w.id() + why
                                                + "; the old one keeps running"));
                            }
                            RunningProcess old = lifecycle.replace(app, w, fresh);
                            if (old == null) return CompletableFuture.completedFuture(null);
                            return lifecycle
                                    .drain(app, w, old)
                                    .handleAsync((x, e) -> lifecycle.killTree(app, old), actor)
                                    .thenCompose(f -> f)
                                    .handle((x, e) -> (Void) null);
                        },
                        actor);
    }

    public Results.Signals signal(List<Targets.Target> targets, String signalName) {
        int sig;
        try {
            sig = Posix.signalNumber(signalName);
        } catch (IllegalArgumentException e) {
            throw CommandException.badArgument(e.getMessage());
        }
        List<Results.Signals.Sent> sent = new ArrayList<>();
        for (Targets.Target t : targets) {
            boolean ok = lifecycle.signal(t.worker(), sig);
            sent.add(new Results.Signals.Sent(t.worker().id(), ok));
        }
        return new Results.Signals(sent);
    }

    /** Zeroes the restart counters and history of a worker; a running process counts as started now. */
    public void reset(App app, Worker w) {
        w.resetCounters(app.restartPolicy(), nanoClock.getAsLong());
    }
}
