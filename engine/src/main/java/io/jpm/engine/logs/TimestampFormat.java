package io.jpm.engine.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats the timestamp that prefixes each log line, cheaply enough to run once per line.
 *
 * <p>The pattern is a {@link DateTimeFormatter} pattern. When it holds exactly one {@code SSS} (and no optional
 * sections), it is split around it: the text before and after the milliseconds is formatted once per second and
 * cached as bytes, and each call only copies those and writes three digits, allocating nothing. Any other pattern is
 * cached per millisecond instead, which is still one real format per millisecond however many lines share it.
 *
 * <p>Not thread-safe: the cache is plain fields. Use one instance per writing thread.
 */
public final class TimestampFormat {

    /** ISO-8601 with milliseconds and a numeric offset: {@code 2026-11-24T19:47:03.123+00:00}. */
    public static final String DEFAULT_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";

    /** No sane pattern comes near this; longer output is refused rather than overrunning callers' buffers. */
    public static final int MAX_BYTES = 256;

    private final String pattern;
    private final ZoneId zone;
    private final DateTimeFormatter before; // the part before SSS, or the whole pattern when not split
    private final DateTimeFormatter after; // the part after SSS; null when not split

    private long cachedKey = Long.MIN_VALUE; // epoch second when split, else epoch milli
    private byte[] cachedBefore = new byte[0];
    private byte[] cachedAfter = new byte[0];

    public TimestampFormat(String pattern, ZoneId zone) {
        this.pattern = pattern == null ? DEFAULT_PATTERN : pattern;
        this.zone = Objects.requireNonNull(zone, "zone");
        int split = millisPosition(this.pattern);
        if (split >= 0) {
            before = formatter(this.pattern.substring(0, split));
            after = formatter(this.pattern.substring(split + 3));
        } else {
            before = formatter(this.pattern);
            after = null;
        }
        String sample = format(0);
        if (sample.isEmpty()) throw new IllegalArgumentException("timestamp pattern prints nothing: " + pattern);
    }

    public static TimestampFormat iso(ZoneId zone) {
        return new TimestampFormat(DEFAULT_PATTERN, zone);
    }

    public String pattern() {
        return pattern;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * Writes the timestamp for {@code epochMillis} into {@code dst} at {@code offset} as UTF-8 and returns the
     * number of bytes written (at most {@link #MAX_BYTES}).
     */
    public int format(long epochMillis, byte[] dst, int offset) {
        if (after != null) {
            long second = Math.floorDiv(epochMillis, 1000);
            if (second != cachedKey) refresh(second, second * 1000);
            int n = cachedBefore.length;
            System.arraycopy(cachedBefore, 0, dst, offset, n);
            int ms = Math.floorMod(epochMillis, 1000);
            dst[offset + n] = (byte) ('0' + ms / 100);
            dst[offset + n + 1] = (byte) ('0' + ms / 10 % 10);
            dst[offset + n + 2] = (byte) ('0' + ms % 10);
            System.arraycopy(cachedAfter, 0, dst, offset + n + 3, cachedAfter.length);
            return n + 3 + cachedAfter.length;
        }
        if (epochMillis != cachedKey) refresh(epochMillis, epochMillis);
        System.arraycopy(cachedBefore, 0, dst, offset, cachedBefore.length);
        return cachedBefore.length;
    }

    /** The timestamp as a string, for tests and display; allocates. */
    public String format(long epochMillis) {
        byte[] b = new byte[MAX_BYTES];
        return new String(b, 0, format(epochMillis, b, 0), StandardCharsets.UTF_8);
    }

    private void refresh(long key, long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(zone);
        byte[] b = before.format(t).getBytes(StandardCharsets.UTF_8);
        byte[] a = after == null ? new byte[0] : after.format(t).getBytes(StandardCharsets.UTF_8);
        int length = b.length + a.length + (after == null ? 0 : 3);
        if (length > MAX_BYTES) {
            throw new IllegalArgumentException("timestamp longer than " + MAX_BYTES + " bytes for pattern " + pattern);
        }
        cachedBefore = b;
        cachedAfter = a;
        cachedKey = key;
    }

    private static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
    }

    /**
     * Where the pattern's only unquoted {@code S} run is exactly {@code SSS}, or -1 when it has none, several,
     * another length, an optional section, or a field finer than a second other than {@code SSS}.
     */
    static int millisPosition(String pattern) {
        int found = -1;
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // '' inside or outside quotes toggles twice: still correct
            } else if (!quoted && "[]nNA".indexOf(c) >= 0) {
                return -1; // optional sections may hide the millis; n, N and A change within a second
            } else if (!quoted && c == 'S') {
                int run = 1;
                while (i + run < pattern.length() && pattern.charAt(i + run) == 'S') run++;
                if (run != 3 || found >= 0) return -1;
                found = i;
                i += run - 1;
            }
        }
        return found;
    }
}
