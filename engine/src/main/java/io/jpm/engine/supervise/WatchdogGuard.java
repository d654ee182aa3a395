package io.jpm.engine.supervise;

import io.jpm.engine.notify.Notification;
import io.jpm.engine.notify.Watchdog;
import io.jpm.ipc.wire.WorkerStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Applies watchdog_sec, as systemd's {@code WatchdogSec=}: the online process of a worker whose app sets it must
 * send {@code WATCHDOG=1} on NOTIFY_SOCKET at least that often (it finds the interval in {@code WATCHDOG_USEC});
 * one that does not is ended and its exit judged by the restart policy as a failed check
 * ({@link Lifecycle#restartForFailedCheck}): counted, backed off, errored at the limit (unstable when it never pinged),
 * with a {@code restart} event whose reason is {@code watchdog} and the check named in its restart history. Runs on
 * the actor.
 */
public final class WatchdogGuard {
    public static final String REASON = "watchdog";

    private final Lifecycle lifecycle;
    private final Watchdog watchdog = new Watchdog();

    public WatchdogGuard(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** A message from some worker's tree: a ping, a trigger or a new timeout for the process it belongs to. */
    public void notified(Notification n) {
        watchdog.notified(n.ancestry(), n.message(), n.receivedNanos());
    }

    /** Watches every online process of an app with watchdog_sec, and restarts those overdue at {@code nowNanos}. */
    public void check(Collection<App> apps, long nowNanos) {
        Set<Long> live = new HashSet<>();
        Map<Long, Worker> workers = new HashMap<>();
        Map<Long, App> owners = new HashMap<>();
        for (App app : apps) {
            long ms = app.spec().restart().watchdogMs();
            if (ms <= 0) continue;
            for (Worker w : app.workersView()) {
                if (w.process() == null || w.stopping() || w.status() != WorkerStatus.ONLINE) continue;
                long pid = w.process().pid();
                live.add(pid);
                workers.put(pid, w);
                owners.put(pid, app);
                watchdog.watch(pid, ms * 1_000_000, nowNanos);
            }
        }
        watchdog.retain(live);
        for (long pid : watchdog.overdue(nowNanos)) {
            App app = owners.get(pid);
            long ms = app.spec().restart().watchdogMs();
            lifecycle.restartForFailedCheck(
                    app,
                    workers.get(pid),
                    new Worker.FailedCheck(
                            REASON, REASON + ": no WATCHDOG=1 within " + ms + " ms", !watchdog.pinged(pid)));
        }
    }
}
