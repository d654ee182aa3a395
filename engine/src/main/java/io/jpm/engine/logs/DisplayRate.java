package io.jpm.engine.logs;

/**
 * Decides which log messages also go to the display-rate stream that consoles read: per window of time at most a
 * budget of lines, whole messages only, and the count of the lines left out, announced once a message passes again
 * (or a later window opens). {@code jpm logs} reads the full stream; this one only spares consoles from decrypting
 * and parsing what they could never show.
 *
 * <p>Thread-safe: every worker's log pump offers its messages; each call is a few arithmetic steps under a lock.
 */
public final class DisplayRate {
    /** What to do with one message: forward it or not, and a count of skipped lines to announce first (0: none). */
    public record Decision(boolean forward, long announceSkipped) {}

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

    /** A console of about 50 lines redrawn ten times a second. */
    public static DisplayRate forConsoles() {
        return new DisplayRate(100_000_000L, 50);
    }

    /** Offers a message of {@code lines} lines at {@code nowNanos}. */
    public synchronized Decision offer(int lines, long nowNanos) {
        if (!started || nowNanos - windowStart >= windowNanos) {
            started = true;
            windowStart = nowNanos;
            used = 0;
        }
        // the first message of a window always passes, so a console sees something of even a huge message
        if (used > 0 && used + lines > linesPerWindow) {
            skipped += lines;
            return new Decision(false, 0);
        }
        used += lines;
        long announce = skipped;
        skipped = 0;
        return new Decision(true, announce);
    }
}
