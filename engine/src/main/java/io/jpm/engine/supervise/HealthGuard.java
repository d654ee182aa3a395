package io.jpm.engine.supervise;

import io.jpm.engine.config.HealthSettings;
import io.jpm.engine.config.ProbeSpec;
import io.jpm.engine.health.HealthState;
import io.jpm.engine.health.ProbeOutcome;
import io.jpm.engine.health.ProbeTracker;
import io.jpm.engine.health.Prober;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.ipc.wire.WorkerStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Applies the apps' health probes to their online processes: a liveness probe that reaches its failure threshold
 * ends the process as a failed check, judged by the restart policy ({@link Lifecycle#restartForFailedCheck}); a
 * readiness probe's verdict takes a cluster process out of its balancer's rotation or puts it back
 * ({@link Lifecycle#readinessChanged}, which tells cluster routing), and in fork mode is only shown. Each process has its own trackers (by pid), so
 * a new process starts unknown, its first check {@code initial_delay_seconds} after it started.
 *
 * <p>Threading: the checks are scheduled on the actor every {@link #TICK_MS} and run on the {@link Prober}'s pool;
 * each result comes back to the actor, where everything here runs. A tick costs one pass over the workers.
 */
public final class HealthGuard implements AutoCloseable {
    static final long TICK_MS = 100;
    static final String LIVENESS = "liveness";
    static final String READINESS = "readiness";

    private final Apps apps;
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    private final Lifecycle lifecycle;
    private final Prober prober;
    private final DaemonLog log;
    /** The trackers of every probed process, by pid; on the actor. */
    private final Map<Long, Probes> byPid = new HashMap<>();

    private ScheduledFuture<?> ticks;
    private boolean closed;

    /** The probes of one process. */
    private record Probes(HealthSettings settings, ProbeTracker liveness, ProbeTracker readiness) {
        static Probes of(HealthSettings h, long startedNanos) {
            return new Probes(
                    h,
                    h.liveness() == null ? null : new ProbeTracker(h.liveness(), startedNanos),
                    h.readiness() == null ? null : new ProbeTracker(h.readiness(), startedNanos));
        }

        Worker.Health health(long pid) {
            return new Worker.Health(
                    pid,
                    liveness == null ? null : liveness.report(LIVENESS),
                    readiness == null ? null : readiness.report(READINESS));
        }
    }

    HealthGuard(
            Apps apps,
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            Lifecycle lifecycle,
            Prober prober,
            DaemonLog log) {
        this.apps = apps;
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.lifecycle = lifecycle;
        this.prober = prober;
        this.log = log;
    }

    /** Starts the ticks. */
    void start() {
        ticks = actor.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (closed) return;
        try {
            check(nanoClock.getAsLong());
        } catch (RuntimeException e) {
            log.failed("health check", e); // logged, and the checks go on
        }
        ticks = actor.schedule(this::tick, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** On the actor: sends the checks due at {@code nowNanos} and forgets the processes that are gone. */
    void check(long nowNanos) {
        Set<Long> live = new HashSet<>();
        for (App app : apps.all()) {
            HealthSettings h = app.spec().health();
            if (!h.any()) continue;
            for (Worker w : app.workersView()) {
                RunningProcess p = w.process();
                if (p == null || w.stopping() || w.failedCheck() != null || w.status() != WorkerStatus.ONLINE) continue;
                live.add(p.pid());
                Probes probes = byPid.get(p.pid());
                if (probes == null || !probes.settings().equals(h)) {
                    probes = Probes.of(h, p.startedAtNanos());
                    byPid.put(p.pid(), probes);
                    w.healthReported(probes.health(p.pid()));
                }
                send(app, w, p, probes, probes.liveness(), nowNanos);
                send(app, w, p, probes, probes.readiness(), nowNanos);
            }
        }
        byPid.keySet().retainAll(live);
    }

    private void send(App app, Worker w, RunningProcess p, Probes probes, ProbeTracker t, long nowNanos) {
        if (t == null || !t.due(nowNanos)) return;
        t.sent(nowNanos);
        prober.check(t.spec(), port(w, p), app.spec().run().cwd(), p.env())
                .whenCompleteAsync(
                        (outcome, e) -> {
                            if (closed || byPid.get(p.pid()) != probes) return; // the process is gone
                            ProbeOutcome o = e == null ? outcome : new ProbeOutcome(false, e.toString(), 0, 0);
                            result(app, w, p, probes, t, o);
                        },
                        actor);
    }

    /** The worker's PORT: its private port in cluster mode, else the PORT of its environment; 0 without one. */
    private static int port(Worker w, RunningProcess p) {
        if (w.port() > 0) return w.port();
        try {
            return Integer.parseInt(p.env().getOrDefault("PORT", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void result(App app, Worker w, RunningProcess p, Probes probes, ProbeTracker t, ProbeOutcome o) {
        boolean changed = t.record(o);
        w.healthReported(probes.health(p.pid()));
        if (!changed || !w.serves(p)) return;
        String which = t == probes.liveness() ? LIVENESS : READINESS;
        log.info("app " + app.name() + " worker " + w.id() + " (pid " + p.pid() + ") is "
                + t.state().wire() + " by its " + which + " probe: " + o.output());
        if (t == probes.readiness()) {
            lifecycle.readinessChanged(app, w, p);
        } else if (t.state() == HealthState.UNHEALTHY) {
            ProbeSpec spec = t.spec();
            lifecycle.restartForFailedCheck(
                    app,
                    w,
                    new Worker.FailedCheck(
                            LIVENESS,
                            "liveness probe failed " + t.failures() + " times (" + spec.target() + "): " + o.output(),
                            !t.everPassed()));
        }
    }

    @Override
    public void close() {
        closed = true;
        if (ticks != null) ticks.cancel(false);
        prober.close();
    }
}
