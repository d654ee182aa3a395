package io.jpm.engine.supervise;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.HealthSettings;
import io.jpm.engine.config.HealthSettings.Condition;
import io.jpm.engine.config.ProbeSpec;
import io.jpm.engine.health.HealthState;
import io.jpm.ipc.wire.WorkerStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Starts the apps of one start command in {@code depends_on} order: an app starts once each app it depends on has
 * reached its condition ({@code started}, {@code ready}, {@code healthy}), or once the dependency's own bound has
 * passed ({@link #boundMs}), in which case it starts anyway and the reply warns. Apps without dependencies start at
 * once, as before.
 *
 * <p>Threading: on the actor; a condition is checked every {@link #CHECK_MS} on the actor's timer.
 */
final class StartSequence {
    static final long CHECK_MS = 50;

    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    private final Apps apps;
    /** When each app of this command has been started (its restart or spawn done). */
    private final Map<String, CompletableFuture<Void>> started = new HashMap<>();
    /** What the reply tells of dependencies that were not met in time; filled on the actor. */
    private final List<String> warnings = new ArrayList<>();

    StartSequence(ScheduledExecutorService actor, LongSupplier nanoClock, Apps apps) {
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.apps = apps;
    }

    /**
     * Starts {@code spec} with {@code start} (on the actor) once its dependencies are met; completes when it has
     * started. {@code specs} must come in {@link io.jpm.engine.config.StartOrder#sort} order.
     */
    CompletableFuture<Void> add(AppSpec spec, Function<AppSpec, CompletableFuture<?>> start) {
        List<HealthSettings.Dependency> deps = spec.health().dependsOn();
        CompletableFuture<Void> done;
        if (deps.isEmpty()) {
            done = start.apply(spec).thenApply(x -> null);
        } else {
            List<CompletableFuture<Void>> met = new ArrayList<>();
            for (HealthSettings.Dependency d : deps) met.add(met(spec.name(), d));
            done = CompletableFuture.allOf(met.toArray(CompletableFuture[]::new))
                    .thenComposeAsync(v -> start.apply(spec), actor)
                    .thenApply(x -> null);
        }
        started.put(spec.name(), done);
        return done;
    }

    /** The warnings so far; read once every start has completed. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Completes on the actor when {@code d} is met for {@code dependent}, or its bound has passed (with a warning). */
    private CompletableFuture<Void> met(String dependent, HealthSettings.Dependency d) {
        CompletableFuture<Void> begun = started.getOrDefault(d.app(), CompletableFuture.completedFuture(null));
        CompletableFuture<Void> result = new CompletableFuture<>();
        begun.whenCompleteAsync(
                (v, e) -> {
                    App dep = apps.get(d.app());
                    long bound = dep == null ? 0 : boundMs(dep.spec(), d.condition());
                    poll(dependent, d, nanoClock.getAsLong() + bound * 1_000_000, bound, result);
                },
                actor);
        return result;
    }

    private void poll(
            String dependent,
            HealthSettings.Dependency d,
            long deadline,
            long boundMs,
            CompletableFuture<Void> result) {
        App dep = apps.get(d.app());
        if (dep != null && reached(dep, d.condition())) {
            result.complete(null);
            return;
        }
        if (dep == null || nanoClock.getAsLong() - deadline >= 0) {
            warnings.add("app \"" + dependent + "\" started although \"" + d.app() + "\" was not "
                    + d.condition().wireName() + (dep == null ? " (it is gone)" : " within " + boundMs + " ms"));
            result.complete(null);
            return;
        }
        actor.schedule(() -> poll(dependent, d, deadline, boundMs, result), CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether every worker of {@code app} has reached {@code c}. */
    static boolean reached(App app, Condition c) {
        List<Worker> workers = app.workersView();
        if (workers.isEmpty()) return false;
        AppSpec spec = app.spec();
        for (Worker w : workers) {
            if (w.status() != WorkerStatus.ONLINE || w.process() == null) return false;
            if (c == Condition.STARTED) continue;
            if (spec.run().mode() == AppSpec.ExecMode.CLUSTER) {
                if (!w.ready()) return false;
            } else if (spec.cluster().waitReady() && !w.readyNotified()) {
                return false;
            }
            Worker.Health h = w.health();
            if (spec.health().readiness() != null && (h == null || !h.readinessPassed())) return false;
            if (c == Condition.HEALTHY && spec.health().any() && (h == null || h.state() != HealthState.HEALTHY)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How long a dependent waits for {@code app} to reach {@code c}: its listen_timeout, or longer when a probe needs
     * longer to pass (its initial delay, then success_threshold periods after failure_threshold failed ones).
     */
    static long boundMs(AppSpec app, Condition c) {
        long bound = app.cluster().listenTimeoutMs();
        if (c == Condition.STARTED) return bound;
        bound = Math.max(bound, probeBoundMs(app.health().readiness()));
        if (c == Condition.HEALTHY)
            bound = Math.max(bound, probeBoundMs(app.health().liveness()));
        return bound;
    }

    private static long probeBoundMs(ProbeSpec p) {
        if (p == null) return 0;
        return p.initialDelayMs() + p.periodMs() * (p.failureThreshold() + p.successThreshold()) + p.timeoutMs();
    }
}
