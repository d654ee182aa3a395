package io.jpm.tui.top;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The log pane's scrollback: the last {@code capacity} lines of all apps in arrival order, oldest dropped first, so
 * memory stays bounded however long the console runs. Owned by the console's one UI thread.
 */
public final class LogBuffer {
    private final LogLine[] ring;
    private int start;
    private int size;
    /** Lines added since creation; lets a paused view stay on the lines it showed. */
    private long appended;

    public LogBuffer(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("scrollback < 1: " + capacity);
        ring = new LogLine[capacity];
    }

    public int capacity() {
        return ring.length;
    }

    public int size() {
        return size;
    }

    public long appended() {
        return appended;
    }

    public void add(LogLine line) {
        if (size < ring.length) {
            ring[(start + size) % ring.length] = line;
            size++;
        } else {
            ring[start] = line;
            start = (start + 1) % ring.length;
        }
        appended++;
    }

    /** The i-th line held, 0 the oldest. */
    public LogLine get(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return ring[(start + i) % ring.length];
    }

    /**
     * Up to {@code count} matching lines, oldest first, ending {@code skip} matching lines before the newest one
     * that is at most {@code newestBefore} lines old (0 = up to the newest). Walks back from the end, so the cost
     * is that of the lines looked at, not of the whole buffer.
     */
    public List<LogLine> window(Predicate<LogLine> filter, int count, int skip, int newestBefore) {
        List<LogLine> out = new ArrayList<>(Math.max(0, count));
        int skipped = 0;
        for (int i = size - 1 - Math.max(0, newestBefore); i >= 0 && out.size() < count; i--) {
            LogLine l = get(i);
            if (!filter.test(l)) continue;
            if (skipped < skip) {
                skipped++;
                continue;
            }
            out.add(l);
        }
        Collections.reverse(out);
        return out;
    }
}
