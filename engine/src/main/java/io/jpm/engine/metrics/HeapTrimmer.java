package io.jpm.engine.metrics;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Gives the memory that a burst grew (a 10 MiB log line, 5 MiB frames, 600 connections from a hostile client) back to
 * the system once the burst is over.
 *
 * <p>What a burst leaves behind is garbage, and the JVM gives none of it back by itself: the serial collector shrinks
 * the heap only in a full collection, which an idle daemon may never run again; a direct buffer (JeroMQ takes 8 KiB
 * per connection) is freed only when a collection finds its owner dead, and a connection's owner lives long enough
 * to reach the old generation; and glibc keeps the freed pages of its arenas. So the signal is the process's resident
 * size: when it is more than {@link #SLACK_BYTES} above what it was after the last trim (or at start), this asks for
 * a full collection, at most once per {@link #MIN_GAP_MS}, and on the next check (the freed direct buffers are back
 * in malloc by then) has glibc return its free pages. With {@code -XX:-ShrinkHeapInSteps} (bin/jpm-daemon) that one
 * collection shrinks the heap to {@code MaxHeapFreeRatio}. The size after the trim is the next reference: a daemon
 * that really needs more (more workers, code compiled once) pays one collection per step of growth, not one per
 * interval. A collection that gave back more than half the slack ran inside a burst, whose rest (connections still
 * open then, closed since: their buffers are garbage that the resident size does not show) is collected by one more
 * collection a gap later, and so on until one gives back little.
 *
 * <p>Not thread-safe: called on the supervisor's actor only.
 */
public final class HeapTrimmer {
    static final long SLACK_BYTES = 4L * 1024 * 1024;
    static final long MIN_GAP_MS = 30_000;

    private final LongSupplier resident;
    private final Runnable collect;
    private final Runnable trimNative;
    /** The resident size after the last trim, or at start. */
    private long reference;

    private long lastMs = Long.MIN_VALUE / 2;
    /** A collection ran at the last check; the native trim follows at this one. */
    private boolean trimDue;
    /** The resident size before the last collection. */
    private long beforeCollection;
    /** The last collection gave back much: collect once more after the gap, whatever the size. */
    private boolean followUp;

    /** {@code resident}: the process's resident bytes, or a negative number when they cannot be read. */
    HeapTrimmer(LongSupplier resident, Runnable collect, Runnable trimNative) {
        this.resident = Objects.requireNonNull(resident, "resident");
        this.collect = Objects.requireNonNull(collect, "collect");
        this.trimNative = Objects.requireNonNull(trimNative, "trimNative");
        this.reference = resident.getAsLong();
    }

    /** The trimmer of this process: its RSS from /proc, the JVM's full collection, glibc's malloc_trim. */
    public static HeapTrimmer ofThisJvm() {
        ProcFs proc = ProcFs.system();
        long pid = ProcessHandle.current().pid();
        long[] usage = new long[2];
        return new HeapTrimmer(() -> proc.read(pid, usage) ? usage[1] : -1, System::gc, NativeHeap::trim);
    }

    /**
     * Collects when the process grew past the slack and the last collection is far enough, or trims the native heap
     * after such a collection; returns whether it collected.
     */
    public boolean check(long nowMs) {
        if (trimDue) {
            trimDue = false;
            trimNative.run();
            long now = resident.getAsLong();
            if (now >= 0) {
                reference = now;
                followUp = beforeCollection - now > SLACK_BYTES / 2;
            }
            return false;
        }
        long now = resident.getAsLong();
        if (now < 0) return false;
        if (reference < 0) reference = now;
        if (nowMs - lastMs < MIN_GAP_MS || (now <= reference + SLACK_BYTES && !followUp)) return false;
        lastMs = nowMs;
        beforeCollection = now;
        collect.run();
        trimDue = true;
        return true;
    }
}
