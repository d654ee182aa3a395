package io.jpm.engine.metrics;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Gives the heap that a burst grew (a 10 MiB log line, 5 MiB frames from a hostile client) back to the system once
 * the burst is over.
 *
 * <p>The serial collector shrinks the heap only in a full collection, which an idle daemon may never run again, so a
 * heap grown once stayed committed for good. The garbage a burst leaves is not "free" to the JVM until it is
 * collected, so the signal is growth: when the committed heap is more than {@link #SLACK_BYTES} above what it was
 * after the last full collection this asked for (or at start), this asks for one, at most once per
 * {@link #MIN_GAP_MS}. With {@code -XX:-ShrinkHeapInSteps} (bin/jpm-daemon) that collection shrinks the heap to
 * {@code MaxHeapFreeRatio} at once, and the size it leaves is the next reference: a daemon that really needs a larger
 * heap (more workers) pays one collection per step of growth, not one per interval.
 *
 * <p>Not thread-safe: called on the supervisor's actor only.
 */
public final class HeapTrimmer {
    static final long SLACK_BYTES = 8L * 1024 * 1024;
    static final long MIN_GAP_MS = 30_000;

    private final LongSupplier committed;
    private final Runnable collect;
    /** The committed heap after the last collection this asked for, or at start. */
    private long reference;

    private long lastMs = Long.MIN_VALUE / 2;

    HeapTrimmer(LongSupplier committed, Runnable collect) {
        this.committed = Objects.requireNonNull(committed, "committed");
        this.collect = Objects.requireNonNull(collect, "collect");
        this.reference = committed.getAsLong();
    }

    /** The trimmer of this JVM's heap. */
    public static HeapTrimmer ofThisJvm() {
        return new HeapTrimmer(Runtime.getRuntime()::totalMemory, System::gc);
    }

    /** Collects when the heap grew past the slack and the last collection is far enough; returns whether it did. */
    public boolean check(long nowMs) {
        if (committed.getAsLong() <= reference + SLACK_BYTES || nowMs - lastMs < MIN_GAP_MS) return false;
        lastMs = nowMs;
        collect.run();
        reference = committed.getAsLong();
        return true;
    }
}
