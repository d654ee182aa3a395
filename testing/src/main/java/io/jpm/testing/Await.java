package io.jpm.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in tests for something another thread or process does: polls a condition every 10 ms and fails with a
 * message naming what was awaited when it does not hold in time. The timeout is a bound on a failing test, never a
 * measurement.
 */
public final class Await {
    /** How long a test waits when it does not say. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private static final long POLL_MS = 10;

    private Await() {}

    /** Waits until {@code condition} holds, up to {@link #DEFAULT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    /** Waits until {@code condition} holds, up to {@code timeoutMs}. */
    public static void until(String what, long timeoutMs, BooleanSupplier condition) {
        until(what, Duration.ofMillis(timeoutMs), condition);
    }

    /** Waits until {@code condition} holds, up to {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} finds a value, up to {@code timeout}, and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }
}
