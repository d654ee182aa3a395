package io.jpm.tui.render;

/** Short human forms of bytes, durations and percentages for tables, as PM2 prints them. */
public final class Humanize {

    private static final String[] BYTE_UNITS = {"b", "kb", "mb", "gb", "tb", "pb", "eb"};

    private Humanize() {}

    /**
     * {@code s} padded with spaces on the right to {@code width} chars, never cut: what {@code %-<width>s} formats,
     * without parsing a format string on every call (a table or describe's rows make hundreds, interpreted).
     */
    public static String padRight(String s, int width) {
        int pad = width - s.length();
        if (pad <= 0) return s;
        StringBuilder b = new StringBuilder(width).append(s);
        for (int i = 0; i < pad; i++) b.append(' ');
        return b.toString();
    }

    /** Binary multiples in at most four digits: {@code 512b}, {@code 512kb}, {@code 12.3mb}, {@code 1.5gb}. */
    public static String bytes(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("bytes < 0: " + bytes);
        if (bytes < 1024) return bytes + "b";
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value >= 1023.5 && unit < BYTE_UNITS.length - 1) { // would print as 1024kb
            value /= 1024;
            unit++;
        }
        return number(value) + BYTE_UNITS[unit];
    }

    /** The largest whole unit of an elapsed time: {@code 5s}, {@code 3m}, {@code 2h}, {@code 4D}. */
    public static String duration(long millis) {
        if (millis < 0) throw new IllegalArgumentException("duration < 0: " + millis + "ms");
        long seconds = millis / 1000;
        if (seconds < 60) return seconds + "s";
        long minutes = seconds / 60;
        if (minutes < 60) return minutes + "m";
        long hours = minutes / 60;
        if (hours < 24) return hours + "h";
        return hours / 24 + "D";
    }

    /** A percentage: {@code 0%}, {@code 12.5%}, {@code 100%}, {@code 250%} (several cores). */
    public static String percent(double percent) {
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("percent not >= 0 and finite: " + percent);
        }
        return number(percent) + "%";
    }

    /** One decimal below 100 (dropped when it is 0), none from 100 up. */
    private static String number(double value) {
        if (value >= 99.95) return Long.toString(Math.round(value));
        String s = oneDecimal(value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /**
     * What {@code String.format(Locale.ROOT, "%.1f", value)} gives for {@code 0 <= value < 99.95}: the shortest
     * decimal that reads back as the double ({@link Double#toString}), rounded half up to one decimal, as the JDK's
     * {@code Formatter} rounds (JDK 19 and later). Without the {@code Formatter}, which loads the locale data on first
     * use (~10 ms of a {@code jpm describe}); {@code HumanizeTest} compares both.
     */
    static String oneDecimal(double value) {
        String d = Double.toString(value);
        if (d.indexOf('E') >= 0) return "0.0"; // below 10^-3
        int dot = d.indexOf('.');
        int whole = Integer.parseInt(d.substring(0, dot));
        int tenth = d.charAt(dot + 1) - '0';
        if (d.length() > dot + 2 && d.charAt(dot + 2) >= '5' && ++tenth == 10) {
            tenth = 0;
            whole++;
        }
        return whole + "." + tenth;
    }
}
