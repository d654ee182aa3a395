package io.jpm.balancer.internal;

import java.util.PriorityQueue;

/** Tasks that run on an I/O thread once their deadline has passed; not thread-safe, time is passed in. */
final class Timers {

    private record Timer(long deadline, Runnable task) {}

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> Long.compare(a.deadline - b.deadline, 0));

    void schedule(long deadlineNanos, Runnable task) {
        queue.add(new Timer(deadlineNanos, task));
    }

    /** Nanoseconds from {@code nowNanos} to the earliest deadline (negative if it has passed), or Long.MAX_VALUE. */
    long nanosUntilNext(long nowNanos) {
        Timer next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.deadline - nowNanos;
    }

    /** Removes and returns the earliest task whose deadline is at or before {@code nowNanos}, or null. */
    Runnable pollDue(long nowNanos) {
        Timer next = queue.peek();
        if (next == null || nowNanos - next.deadline < 0) {
            return null;
        }
        queue.poll();
        return next.task;
    }

    int size() {
        return queue.size();
    }

    void clear() {
        queue.clear();
    }
}
