package io.jpm.engine.cluster;

import io.jpm.balancer.PortProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tells when a new cluster worker process is ready for traffic: its private port accepts a connection or, when a
 * ready line is awaited, it printed that line.
 *
 * <p>Threading: probes run on one named thread, {@code jpm-cluster-probe}, never on the supervisor's actor. A probe
 * blocks for at most {@link #PROBE_TIMEOUT} (a refused loopback connect returns at once); between probes the wait
 * grows from 10 ms to 200 ms. The futures complete on the probe thread or on a log pump's thread, so callers chain
 * their work with an {@code …Async} method onto their own executor.
 */
final class ReadinessProbe implements AutoCloseable {
    static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);

    private final ScheduledExecutorService probes;
    private final LongSupplier nanoClock;

    ReadinessProbe(LongSupplier nanoClock) {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jpm-cluster-probe");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        this.probes = ex;
        this.nanoClock = nanoClock;
    }

    /** The pause before probe number {@code attempt} (0-based): 10, 20, 40, 80, 160, then 200 ms. */
    static long backoffMs(int attempt) {
        return Math.min(200, 10L << Math.min(attempt, 5));
    }

    /**
     * Completes with true when the process is ready, and with false if it is gone or {@code deadlineNanos} passed
     * first.
     *
     * @param readyLine completed when the ready line was printed; null to probe {@code address} instead
     */
    CompletableFuture<Boolean> await(
            InetSocketAddress address, CompletableFuture<Void> readyLine, ProcessHandle process, long deadlineNanos) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (readyLine != null) readyLine.thenRun(() -> result.complete(true));
        probes.execute(() -> attempt(address, readyLine, process, deadlineNanos, 0, result));
        return result;
    }

    private void attempt(
            InetSocketAddress address,
            CompletableFuture<Void> readyLine,
            ProcessHandle process,
            long deadlineNanos,
            int n,
            CompletableFuture<Boolean> result) {
        try {
            if (result.isDone()) return;
            if (readyLine == null && PortProbe.isAccepting(address, PROBE_TIMEOUT)) {
                result.complete(true);
                return;
            }
            if (!process.isAlive() || nanoClock.getAsLong() - deadlineNanos >= 0) {
                result.complete(false);
                return;
            }
            probes.schedule(
                    () -> attempt(address, readyLine, process, deadlineNanos, n + 1, result),
                    backoffMs(n),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result.completeExceptionally(e); // a rejected schedule after close
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
