package io.jpm.tui.top;

/** The last samples of one measure (CPU % or bytes), oldest first; older ones fall off. */
public final class SeriesRing {
    private final double[] values;
    private int start;
    private int size;

    public SeriesRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
        values = new double[capacity];
    }

    public void add(double v) {
        if (size < values.length) {
            values[(start + size) % values.length] = v;
            size++;
        } else {
            values[start] = v;
            start = (start + 1) % values.length;
        }
    }

    public int size() {
        return size;
    }

    /** The newest sample, or NaN when there is none. */
    public double last() {
        return size == 0 ? Double.NaN : values[(start + size - 1) % values.length];
    }

    public double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = values[(start + i) % values.length];
        return out;
    }
}
