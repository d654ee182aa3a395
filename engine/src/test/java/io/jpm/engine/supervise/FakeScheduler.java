package io.jpm.engine.supervise;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An actor whose time a test drives by hand, in the spirit of OkHttp's TaskFaker: tasks run on the test's thread
 * when it calls {@link #runUntil} or {@link #advance}, and timers fire when the fake clock reaches them. Other
 * threads (a process's exit hook) may submit tasks at any time; they wait in the queue for the test.
 */
final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nowNanos = 1_000_000_000L;
    private long seq;
    private boolean shutdown;

    /** The fake monotonic clock. */
    synchronized long nanoTime() {
        return nowNanos;
    }

    /** The fake wall clock, in epoch milliseconds. */
    synchronized long currentTimeMillis() {
        return 1_700_000_000_000L + nowNanos / 1_000_000;
    }

    /** Runs every task that is due now until the condition holds; waits (really) for other threads' tasks. */
    void runUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            runDue();
            if (condition.getAsBoolean()) return;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    /** Moves the clock forward by {@code ms}, running each timer at its time. */
    void advance(long ms) {
        long target;
        synchronized (this) {
            target = nowNanos + TimeUnit.MILLISECONDS.toNanos(ms);
        }
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at > target) {
                    nowNanos = target;
                    break;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, next.at);
            }
            next.run();
        }
        runDue();
    }

    private void runDue() {
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at > nowNanos) return;
                queue.poll();
            }
            next.run();
        }
    }

    private synchronized <T> Task<T> enqueue(Callable<T> c, long delayNanos) {
        if (shutdown) throw new java.util.concurrent.RejectedExecutionException("shut down");
        Task<T> t = new Task<>(c, nowNanos + Math.max(0, delayNanos), seq++);
        queue.add(t);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        enqueue(Executors.callable(command), 0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(Executors.callable(command), unit.toNanos(delay));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(callable, unit.toNanos(delay));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the actor runs no periodic task");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the actor runs no periodic task");
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    /** A task due at {@code at} on the fake clock; ties run in submission order. */
    private final class Task<T> extends FutureTask<T> implements ScheduledFuture<T> {
        final long at;
        final long order;

        Task(Callable<T> c, long at, long order) {
            super(c);
            this.at = at;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> t = (Task<?>) o;
            return at != t.at ? Long.compare(at, t.at) : Long.compare(order, t.order);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            synchronized (FakeScheduler.this) {
                queue.remove(this);
            }
            return super.cancel(mayInterrupt);
        }

        @Override
        protected void done() {
            try {
                if (!isCancelled()) get();
            } catch (Exception e) {
                throw new AssertionError("a task on the fake actor failed", e);
            }
        }
    }
}
