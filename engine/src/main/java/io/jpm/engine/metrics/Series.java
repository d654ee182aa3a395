package io.jpm.engine.metrics;

/**
 * A fixed-capacity ring of samples over a primitive array: once full, each new sample replaces the oldest.
 *
 * <p>Not thread-safe; {@link MetricsHistory} owns every series and guards them.
 */
final class Series {
    private final double[] ring;
    private int next; // where the next sample goes
    private int size;

    Series(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
        this.ring = new double[capacity];
    }

    void add(double sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        if (size < ring.length) size++;
    }

    int size() {
        return size;
    }

    int capacity() {
        return ring.length;
    }

    /** The samples, oldest first. */
    double[] toArray() {
        double[] out = new double[size];
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) out[i] = ring[(start + i) % ring.length];
        return out;
    }

    /** The samples, oldest first, rounded to whole numbers (for byte counts). */
    long[] toLongArray() {
        double[] d = toArray();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) out[i] = Math.round(d[i]);
        return out;
    }
}
