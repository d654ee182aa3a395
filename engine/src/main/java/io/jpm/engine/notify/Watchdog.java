package io.jpm.engine.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which workers missed their watchdog, as systemd's {@code WatchdogSec=} does: a worker watched with a
 * timeout must send {@code WATCHDOG=1} at least that often, counted from when its process started; one that does not,
 * or that sends {@code WATCHDOG=trigger}, is overdue once and must be restarted. {@code WATCHDOG_USEC=N} changes that
 * worker's timeout.
 *
 * <p>Not thread-safe: owned by the supervisor's actor. Time is passed in.
 */
public final class Watchdog {
    private record Watch(long timeoutNanos, long deadlineNanos) {}

    /** Watched workers by id. */
    private final Map<Integer, Watch> watches = new HashMap<>();

    /** Starts watching {@code worker}, whose process started at {@code nowNanos}. */
    public void started(int worker, long timeoutNanos, long nowNanos) {
        if (timeoutNanos <= 0) throw new IllegalArgumentException("watchdog timeout <= 0: " + timeoutNanos);
        watches.put(worker, new Watch(timeoutNanos, nowNanos + timeoutNanos));
    }

    /** Stops watching {@code worker} (its process exited or is being stopped). */
    public void forget(int worker) {
        watches.remove(worker);
    }

    /** Applies a message from {@code worker}'s tree; a worker not watched is left alone. */
    public void notified(int worker, NotifyMessage message, long nowNanos) {
        Watch w = watches.get(worker);
        if (w == null) return;
        long timeout =
                message.watchdogUsec().isPresent() ? message.watchdogUsec().getAsLong() * 1000 : w.timeoutNanos();
        if (message.watchdogTrigger()) {
            watches.put(worker, new Watch(timeout, nowNanos));
        } else if (message.watchdogPing() || message.watchdogUsec().isPresent()) {
            watches.put(worker, new Watch(timeout, nowNanos + timeout));
        }
    }

    /** The workers whose deadline passed at {@code nowNanos}; each is reported once and no longer watched. */
    public List<Integer> overdue(long nowNanos) {
        List<Integer> late = new ArrayList<>();
        watches.forEach((id, w) -> {
            if (nowNanos - w.deadlineNanos() >= 0) late.add(id);
        });
        late.forEach(watches::remove);
        late.sort(null);
        return late;
    }

    /** How long until the next deadline, for the caller's timer; -1 when nothing is watched. */
    public long nanosToNextDeadline(long nowNanos) {
        return watches.values().stream()
                .mapToLong(w -> Math.max(0, w.deadlineNanos() - nowNanos))
                .min()
                .orElse(-1);
    }
}
