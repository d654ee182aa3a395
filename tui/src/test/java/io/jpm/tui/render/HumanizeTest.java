package io.jpm.tui.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HumanizeTest {

    private static final long KB = 1024;
    private static final long MB = KB * KB;
    private static final long GB = MB * KB;

    @Test
    void padRightIsWhatPercentMinusSFormats() {
        for (String s :
                new String[] {"", "a", "status", "max_restarts", "exp_backoff_restart_delay", "né", "↺", "a b "}) {
            for (int width : new int[] {0, 1, 6, 12, 30}) {
                assertEquals(
                        String.format("%-" + Math.max(width, 1) + "s", s), Humanize.padRight(s, Math.max(width, 1)));
            }
            assertEquals(s, Humanize.padRight(s, 0));
        }
    }

    @Test
    void oneDecimalIsWhatPercentPointOneFFormats() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        java.util.List<Double> values = new java.util.ArrayList<>(java.util.List.of(
                0.0, 1e-9, 0.0004, 0.001, 0.049, 0.05, 0.0500001, 0.15, 0.25, 0.35, 0.45, 1.05, 2.675, 9.95, 9.96,
                10.05, 99.94, 99.949999));
        for (int i = 0; i <= 99_940; i++) values.add(i / 1000.0);
        for (int i = 0; i < 100_000; i++) values.add(random.nextDouble(99.95));
        for (int i = 0; i < 10_000; i++) values.add(random.nextDouble(0.01));
        for (double v : values)
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", v), Humanize.oneDecimal(v), "value " + v);
    }

    @Test
    void bytesBelowOneKilobyteAreExact() {
        assertEquals("0b", Humanize.bytes(0));
        assertEquals("512b", Humanize.bytes(512));
        assertEquals("1023b", Humanize.bytes(1023));
    }

    @Test
    void bytesUseOneDecimalBelowOneHundred() {
        assertEquals("1kb", Humanize.bytes(KB));
        assertEquals("1.5kb", Humanize.bytes(KB + 512));
        assertEquals("12.3mb", Humanize.bytes((long) (12.3 * MB)));
        assertEquals("99.9mb", Humanize.bytes((long) (99.9 * MB)));
        assertEquals("1.5gb", Humanize.bytes(GB + GB / 2));
    }

    @Test
    void bytesDropTheDecimalFromOneHundredUp() {
        assertEquals("512kb", Humanize.bytes(512 * KB));
        assertEquals("100kb", Humanize.bytes((long) (99.97 * KB)));
        assertEquals("1023kb", Humanize.bytes(1023 * KB));
        assertEquals("256mb", Humanize.bytes(256 * MB + 300 * KB));
    }

    @Test
    void bytesRoundingUpToTheNextUnitMovesToIt() {
        assertEquals("1mb", Humanize.bytes(MB - 100));
        assertEquals("1gb", Humanize.bytes(GB - 1));
        assertEquals("8eb", Humanize.bytes(Long.MAX_VALUE));
    }

    @Test
    void negativeBytesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Humanize.bytes(-1));
        assertEquals("bytes < 0: -1", e.getMessage());
    }

    @Test
    void durationsUseTheLargestWholeUnit() {
        assertEquals("0s", Humanize.duration(0));
        assertEquals("0s", Humanize.duration(999));
        assertEquals("5s", Humanize.duration(5_400));
        assertEquals("59s", Humanize.duration(59_999));
        assertEquals("1m", Humanize.duration(60_000));
        assertEquals("3m", Humanize.duration(3 * 60_000 + 59_000));
        assertEquals("2h", Humanize.duration(2 * 3_600_000 + 1));
        assertEquals("23h", Humanize.duration(24 * 3_600_000 - 1));
        assertEquals("4D", Humanize.duration(4 * 86_400_000L + 5 * 3_600_000));
        assertEquals("400D", Humanize.duration(400 * 86_400_000L));
    }

    @Test
    void negativeDurationIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Humanize.duration(-5));
        assertEquals("duration < 0: -5ms", e.getMessage());
    }

    @Test
    void percents() {
        assertEquals("0%", Humanize.percent(0));
        assertEquals("0.3%", Humanize.percent(0.26));
        assertEquals("12.5%", Humanize.percent(12.5));
        assertEquals("99.9%", Humanize.percent(99.94));
        assertEquals("100%", Humanize.percent(99.96));
        assertEquals("250%", Humanize.percent(250.4));
    }

    @Test
    void percentRejectsNegativeAndNonFinite() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Humanize.percent(bad));
            assertEquals("percent not >= 0 and finite: " + bad, e.getMessage());
        }
    }
}
