package io.jpm.engine.notify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which worker processes missed their watchdog, as systemd's {@code WatchdogSec=} does: a process watched
 * with a timeout must send {@code WATCHDOG=1} at least that often, counted from when watching began; one that does
 * not, or that sends {@code WATCHDOG=trigger}, is overdue once and must be restarted. {@code WATCHDOG_USEC=N} changes
 * that process's timeout. Processes are keyed by pid, so a reload's new process has its own deadline.
 *
 * <p>Not thread-safe: owned by the supervisor's actor. Time is passed in.
 */
public final class Watchdog {
    private record Watch(long timeoutNanos, long deadlineNanos) {}

    /** Watched processes by pid. */
    private final Map<Long, Watch> watches = new HashMap<>();
    /** Watched processes that sent at least one ping; forgotten with {@link #retain}. */
    private final Set<Long> pinged = new java.util.HashSet<>();

    /** Starts watching process {@code pid} at {@code nowNanos}; a process already watched keeps its deadline. */
    public void watch(long pid, long timeoutNanos, long nowNanos) {
        if (timeoutNanos <= 0) throw new IllegalArgumentException("watchdog timeout <= 0: " + timeoutNanos);
        watches.putIfAbsent(pid, new Watch(timeoutNanos, nowNanos + timeoutNanos));
    }

    public boolean watches(long pid) {
        return watches.containsKey(pid);
    }

    /** Stops watching every process not in {@code live} (exited, stopped, or no longer watched by its app). */
    public void retain(Set<Long> live) {
        watches.keySet().retainAll(live);
        pinged.retainAll(live);
    }

    /** Whether process {@code pid} sent a ping since it was watched (still known after it was overdue). */
    public boolean pinged(long pid) {
        return pinged.contains(pid);
    }

    /**
     * Applies a message to the first watched process in the sender's {@code ancestry} (the sender, its parent, …);
     * returns that pid, or -1 if none is watched.
     */
    public long notified(List<Long> ancestry, NotifyMessage message, long nowNanos) {
        for (long pid : ancestry) {
            Watch w = watches.get(pid);
            if (w == null) continue;
            long timeout =
                    message.watchdogUsec().isPresent() ? message.watchdogUsec().getAsLong() * 1000 : w.timeoutNanos();
            if (message.watchdogTrigger()) {
                watches.put(pid, new Watch(timeout, nowNanos));
            } else if (message.watchdogPing() || message.watchdogUsec().isPresent()) {
                watches.put(pid, new Watch(timeout, nowNanos + timeout));
                if (message.watchdogPing()) pinged.add(pid);
            }
            return pid;
        }
        return -1;
    }

    /** The processes whose deadline passed at {@code nowNanos}, in pid order; each is reported once, then forgotten. */
    public List<Long> overdue(long nowNanos) {
        List<Long> late = new ArrayList<>();
        watches.forEach((pid, w) -> {
            if (nowNanos - w.deadlineNanos() >= 0) late.add(pid);
        });
        late.forEach(watches::remove);
        late.sort(null);
        return late;
    }
}
