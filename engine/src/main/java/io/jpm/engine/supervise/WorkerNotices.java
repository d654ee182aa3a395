package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterRouting;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.notify.Notification;
import io.jpm.engine.notify.WorkerNotifySocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What workers say on their {@code NOTIFY_SOCKET} (JPM_HOME/run/notify.sock, set by {@link WorkerLauncher}), as
 * systemd's {@code sd_notify}: {@code READY=1} makes a wait_ready worker ready (a cluster one joins the rotation,
 * {@link ClusterRouting}; a fork one shows {@code ready} and meets depends_on's {@code ready}),
 * {@code STATUS=…} shows in describe ({@link Worker#notifyStatus}), and {@code WATCHDOG=1} feeds the
 * {@link WatchdogGuard}, which is checked every 250 ms while the daemon runs. A message counts for the worker whose process tree sent it.
 *
 * <p>Threading: the socket receives on {@code jpm-notify} and hands each message to the actor, where everything
 * here runs. A daemon whose socket cannot be bound runs on, its workers' messages unheard (logged once).
 */
public final class WorkerNotices implements AutoCloseable {
    static final long CHECK_MS = 250;

    private final Apps apps;
    private final ScheduledExecutorService actor;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final DaemonLog log;
    private final Lifecycle lifecycle;
    private final WatchdogGuard watchdog;
    private WorkerNotifySocket socket;
    private ScheduledFuture<?> checks;
    private boolean closed;

    public WorkerNotices(
            Apps apps,
            ScheduledExecutorService actor,
            LongSupplier nanoClock,
            LongSupplier wallClock,
            DaemonLog log,
            Lifecycle lifecycle,
            WatchdogGuard watchdog) {
        this.apps = apps;
        this.actor = actor;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.log = log;
        this.lifecycle = lifecycle;
        this.watchdog = watchdog;
    }

    /** Binds {@code runDir}'s notify socket and starts the watchdog checks. */
    public void start(Path runDir) {
        try {
            socket = WorkerNotifySocket.start(
                    runDir.resolve(WorkerNotifySocket.FILE),
                    n -> actor.execute(() -> notified(n)),
                    log::warn,
                    nanoClock);
        } catch (IOException | RuntimeException e) {
            log.warn("workers get no working NOTIFY_SOCKET: " + e.getMessage());
        }
        scheduleCheck();
    }

    /** One check after {@link #CHECK_MS}, which schedules the next (the actor runs no periodic task). */
    private void scheduleCheck() {
        checks = actor.schedule(this::check, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** On the actor: restarts the workers whose watchdog_sec passed without a WATCHDOG=1, then checks again later. */
    private void check() {
        if (closed) return;
        try {
            watchdog.check(apps.all(), nanoClock.getAsLong());
        } catch (RuntimeException e) {
            log.failed("watchdog check", e); // logged, and the checks go on
        }
        scheduleCheck();
    }

    /** On the actor: a message a worker's process sent, credited to the worker whose tree sent it. */
    private void notified(Notification n) {
        if (closed) return;
        if (n.message().ready()) {
            lifecycle.notifiedReady(n.ancestry());
            credit(n, (w, pid) -> w.readyFrom(pid)); // fork mode's wait_ready, and depends_on's "ready"
        }
        watchdog.notified(n);
        n.message().status().ifPresent(status -> {
            long now = wallClock.getAsLong();
            credit(n, (w, pid) -> w.statusFrom(pid, status, now));
        });
    }

    /** Applies a message to the worker whose current process is the nearest in the sender's ancestry. */
    private void credit(Notification n, java.util.function.BiPredicate<Worker, Long> apply) {
        for (long pid : n.ancestry()) {
            for (App a : apps.all()) {
                for (Worker w : a.workersView()) {
                    if (apply.test(w, pid)) return;
                }
            }
        }
    }

    /** Stops listening; on the actor. */
    @Override
    public void close() {
        closed = true;
        if (checks != null) checks.cancel(false);
        if (socket != null) socket.close();
    }
}
