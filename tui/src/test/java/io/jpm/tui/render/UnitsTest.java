package io.jpm.tui.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {

    private static final long KB = 1024;
    private static final long MB = KB * KB;
    private static final long GB = MB * KB;

    @Test
    void bytesBelowOneKilobyteAreExact() {
        assertEquals("0b", Units.bytes(0));
        assertEquals("512b", Units.bytes(512));
        assertEquals("1023b", Units.bytes(1023));
    }

    @Test
    void bytesUseOneDecimalBelowOneHundred() {
        assertEquals("1kb", Units.bytes(KB));
        assertEquals("1.5kb", Units.bytes(KB + 512));
        assertEquals("12.3mb", Units.bytes((long) (12.3 * MB)));
        assertEquals("99.9mb", Units.bytes((long) (99.9 * MB)));
        assertEquals("1.5gb", Units.bytes(GB + GB / 2));
    }

    @Test
    void bytesDropTheDecimalFromOneHundredUp() {
        assertEquals("512kb", Units.bytes(512 * KB));
        assertEquals("100kb", Units.bytes((long) (99.97 * KB)));
        assertEquals("1023kb", Units.bytes(1023 * KB));
        assertEquals("256mb", Units.bytes(256 * MB + 300 * KB));
    }

    @Test
    void bytesRoundingUpToTheNextUnitMovesToIt() {
        assertEquals("1mb", Units.bytes(MB - 100));
        assertEquals("1gb", Units.bytes(GB - 1));
        assertEquals("8eb", Units.bytes(Long.MAX_VALUE));
    }

    @Test
    void negativeBytesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.bytes(-1));
        assertEquals("bytes < 0: -1", e.getMessage());
    }

    @Test
    void durationsUseTheLargestWholeUnit() {
        assertEquals("0s", Units.duration(0));
        assertEquals("0s", Units.duration(999));
        assertEquals("5s", Units.duration(5_400));
        assertEquals("59s", Units.duration(59_999));
        assertEquals("1m", Units.duration(60_000));
        assertEquals("3m", Units.duration(3 * 60_000 + 59_000));
        assertEquals("2h", Units.duration(2 * 3_600_000 + 1));
        assertEquals("23h", Units.duration(24 * 3_600_000 - 1));
        assertEquals("4D", Units.duration(4 * 86_400_000L + 5 * 3_600_000));
        assertEquals("400D", Units.duration(400 * 86_400_000L));
    }

    @Test
    void negativeDurationIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Units.duration(-5));
        assertEquals("duration < 0: -5ms", e.getMessage());
    }

    @Test
    void percents() {
        assertEquals("0%", Units.percent(0));
        assertEquals("0.3%", Units.percent(0.26));
        assertEquals("12.5%", Units.percent(12.5));
        assertEquals("99.9%", Units.percent(99.94));
        assertEquals("100%", Units.percent(99.96));
        assertEquals("250%", Units.percent(250.4));
    }

    @Test
    void percentRejectsNegativeAndNonFinite() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Units.percent(bad));
            assertEquals("percent not >= 0 and finite: " + bad, e.getMessage());
        }
    }
}
