package io.jpm.engine.logs;

/**
 * Decides how much of each log message also goes to the display-rate stream that consoles read: per window of time at
 * most a budget of lines, the newest lines of a message that does not fit, and the count of the lines left out,
 * announced just before the next lines that pass. {@code jpm logs} reads the full stream; this one only spares
 * consoles from decrypting and parsing what they could never show.
 *
 * <p>Thread-safe: every worker's log pump offers its messages; each call is a few arithmetic steps under a lock.
 */
public final class DisplayRate {
    /**
     * What to do with one message: forward its last {@code lines} lines (0: none of it), after announcing a count of
     * skipped lines (0: none).
     */
    public record Decision(int lines, long announceSkipped) {
        public boolean forward() {
            return lines > 0;
        }
    }

    private final long windowNanos;
    private final int linesPerWindow;
    /** The start of the current window. */
    private long windowStart;

    private boolean started;
    /** Lines forwarded in the current window. */
    private int used;
    /** Lines left out and not yet announced. */
    private long skipped;

    public DisplayRate(long windowNanos, int linesPerWindow) {
        if (windowNanos <= 0) throw new IllegalArgumentException("window <= 0: " + windowNanos);
        if (linesPerWindow < 1) throw new IllegalArgumentException("lines per window < 1: " + linesPerWindow);
        this.windowNanos = windowNanos;
        this.linesPerWindow = linesPerWindow;
    }

    /**
     * A log pane of up to 60 rows redrawn five times a second (jpm-top's frame rate while logs flood in): 300 lines a
     * second at most, whatever the flood.
     */
    public static DisplayRate forConsoles() {
        return forConsoles(1);
    }

    /**
     * A {@code share}-th of {@link #forConsoles()}: what each of {@code share} hosts sends a console showing them all.
     * The same screenful in a window {@code share} times as long, rather than an n-th of it every 200 ms: the same
     * lines a second, in {@code share} times fewer messages, since each message costs the console a CURVE decryption
     * and a parse whatever its size.
     */
    public static DisplayRate forConsoles(int share) {
        if (share < 1) throw new IllegalArgumentException("share < 1: " + share);
        return new DisplayRate(200_000_000L * share, 60);
    }

    /** Offers a message of {@code lines} lines at {@code nowNanos}. */
    public synchronized Decision offer(int lines, long nowNanos) {
        if (!started || nowNanos - windowStart >= windowNanos) {
            started = true;
            windowStart = nowNanos;
            used = 0;
        }
        int room = linesPerWindow - used;
        if (room <= 0 || lines <= 0) {
            skipped += Math.max(0, lines);
            return new Decision(0, 0);
        }
        // a message larger than what is left passes its newest lines; the older ones count as skipped
        int pass = Math.min(lines, room);
        used += pass;
        long announce = skipped + (lines - pass);
        skipped = 0;
        return new Decision(pass, announce);
    }
}
