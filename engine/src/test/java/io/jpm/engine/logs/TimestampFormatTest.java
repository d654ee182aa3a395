package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {

    private static final long T = Instant.parse("2026-11-24T19:47:03.123Z").toEpochMilli();

    @Test
    void defaultIsIsoWithMillisAndOffset() {
        assertEquals(
                "2026-11-24T19:47:03.123+00:00",
                TimestampFormat.iso(ZoneOffset.UTC).format(T));
        assertEquals(
                "2026-11-25T01:17:03.123+05:30",
                TimestampFormat.iso(ZoneId.of("Asia/Kolkata")).format(T));
        assertEquals("2026-11-24T19:47:03.123+00:00", new TimestampFormat(null, ZoneOffset.UTC).format(T));
    }

    @Test
    void millisAreZeroPaddedAndSecondsRollOver() {
        TimestampFormat f = TimestampFormat.iso(ZoneOffset.UTC);
        assertEquals("2026-11-24T19:47:03.007+00:00", f.format(T - 116));
        assertEquals("2026-11-24T19:47:03.999+00:00", f.format(T + 876));
        assertEquals("2026-11-24T19:47:04.000+00:00", f.format(T + 877));
        assertEquals("1969-12-31T23:59:59.999+00:00", f.format(-1));
    }

    @Test
    void writesIntoTheCallersBufferAtAnOffset() {
        TimestampFormat f = TimestampFormat.iso(ZoneOffset.UTC);
        byte[] b = new byte[64];
        int n = f.format(T, b, 5);
        assertEquals(29, n);
        assertEquals("2026-11-24T19:47:03.123+00:00", new String(b, 5, n, StandardCharsets.US_ASCII));
    }

    @Test
    void agreesWithDateTimeFormatterForManyPatternsAndInstants() {
        String[] patterns = {
            TimestampFormat.DEFAULT_PATTERN,
            "yyyy-MM-dd HH:mm:ss xx",
            "HH:mm:ss.SSS",
            "SSS",
            "'S'SSS'SSS' a",
            "dd MMM yyyy HH:mm:ss.SS",
            "HH:mm:ss.SSSSSS",
            "yyyy-MM-dd HH:mm:ss[.SSS]",
            "HH:mm:ss.SSS n",
            "EEE hh:mm a"
        };
        Random random = new Random(7);
        for (String pattern : patterns) {
            for (ZoneId zone :
                    new ZoneId[] {ZoneOffset.UTC, ZoneId.of("Europe/Paris"), ZoneId.of("America/St_Johns")}) {
                TimestampFormat f = new TimestampFormat(pattern, zone);
                DateTimeFormatter reference =
                        DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withZone(zone);
                long t = T;
                for (int i = 0; i < 2000; i++) {
                    t += random.nextInt(3) == 0 ? random.nextInt(5_000_000) : random.nextInt(400);
                    assertEquals(reference.format(Instant.ofEpochMilli(t)), f.format(t), pattern + " at " + t);
                }
            }
        }
    }

    @Test
    void acrossADaylightSavingChange() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        TimestampFormat f = TimestampFormat.iso(paris);
        long change = Instant.parse("2026-03-29T01:00:00Z").toEpochMilli();
        assertEquals("2026-03-29T01:59:59.999+01:00", f.format(change - 1));
        assertEquals("2026-03-29T03:00:00.000+02:00", f.format(change));
    }

    @Test
    void findsTheMillisOnlyWhereSplittingIsSafe() {
        assertEquals(22, TimestampFormat.millisPosition(TimestampFormat.DEFAULT_PATTERN));
        assertEquals(9, TimestampFormat.millisPosition("'SSS' ss.SSS"));
        assertEquals(-1, TimestampFormat.millisPosition("HH:mm:ss"));
        assertEquals(-1, TimestampFormat.millisPosition("ss.SS"));
        assertEquals(-1, TimestampFormat.millisPosition("SSS SSS"));
        assertEquals(-1, TimestampFormat.millisPosition("ss[.SSS]"));
        assertEquals(-1, TimestampFormat.millisPosition("ss.SSS n"));
    }

    @Test
    void rejectsBadPatternsWithThePattern() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new TimestampFormat("yyyy-MM {", ZoneOffset.UTC));
        assertEquals(true, e.getMessage().contains("{"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TimestampFormat("", ZoneOffset.UTC));
        assertEquals("timestamp pattern prints nothing: ", e.getMessage());
    }
}
