package io.jpm.engine.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PM2-style sizes ({@code "200M"}) and durations ({@code "5s"}) into bytes and milliseconds. */
final class SizeParser {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]?)(?:I?B)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(MS|S|M|H|D)?");

    private SizeParser() {}

    /**
     * {@code "512K"}, {@code "200M"}, {@code "1G"}, {@code "1.5G"}, {@code "10MB"} or plain bytes; the units are
     * powers of 1024 as in PM2, and case does not matter.
     *
     * @throws IllegalArgumentException with the reason, without the value
     */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("is not a size like 512K, 200M or 1G");
        int shift =
                switch (m.group(2)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    case "G" -> 30;
                    case "T" -> 40;
                    default -> 0;
                };
        return exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift)), "size");
    }

    /**
     * {@code "500ms"}, {@code "5s"}, {@code "1m"}, {@code "2h"}, {@code "1d"} or plain milliseconds.
     *
     * @throws IllegalArgumentException with the reason, without the value
     */
    static long millis(String text) {
        Matcher m = DURATION.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("is not a duration like 500ms, 5s or 1m");
        long unit = m.group(2) == null
                ? 1
                : switch (m.group(2)) {
                    case "MS" -> 1;
                    case "S" -> 1000;
                    case "M" -> 60_000;
                    case "H" -> 3_600_000;
                    default -> 86_400_000;
                };
        return exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), "duration");
    }

    private static long exact(BigDecimal value, String what) {
        try {
            return value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large a " + what);
        }
    }
}
