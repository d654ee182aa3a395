package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MomentFormatTest {

    /** 2026-03-07 14:05:09.042 in UTC-05:00: single digits show where padding matters. */
    private static final ZonedDateTime T = ZonedDateTime.of(2026, 3, 7, 14, 5, 9, 42_000_000, ZoneId.of("-05:00"));

    private static String format(String moment) {
        return DateTimeFormatter.ofPattern(MomentFormat.toJava(moment), Locale.ENGLISH)
                .format(T);
    }

    @Test
    void pm2sUsualFormat() {
        assertEquals("yyyy-MM-dd HH:mm:ss xxx", MomentFormat.toJava("YYYY-MM-DD HH:mm:ss Z"));
        assertEquals("2026-03-07 14:05:09 -05:00", format("YYYY-MM-DD HH:mm:ss Z"));
    }

    @Test
    void everyDocumentedToken() {
        assertEquals("26 3 03 7 07 14 2 02 PM 5 05 9 09 042 -0500", format("YY M MM D DD HH h hh A m mm s ss SSS ZZ"));
        assertEquals("Mar March Sat Saturday 066", format("MMM MMMM ddd dddd DDDD"));
        assertEquals("2026-03-07T14:05:09.042-05:00", format("YYYY-MM-DDTHH:mm:ss.SSSZ"));
    }

    @Test
    void literalsAreQuotedForJava() {
        assertEquals("'at 'HH", MomentFormat.toJava("[at] HH"));
        assertEquals("day 7 at 14h, it's", format("[day] D [at] H[h], [it's]"));
        assertEquals("{7} #", format("{D} #"));
        assertEquals("T7", format("\\TD"));
    }

    @Test
    void javaStyleYearIsAccepted() {
        assertEquals("2026", format("yyyy"));
    }

    @Test
    void unsupportedTokensAreNamed() {
        assertEquals(
                "uses moment token \"Do\", which jpm does not support",
                assertThrows(IllegalArgumentException.class, () -> MomentFormat.toJava("MMMM Do"))
                        .getMessage());
        for (String bad : new String[] {"Q", "X", "x", "dd", "d", "YYYYY", "zz", "k", "E"}) {
            assertThrows(IllegalArgumentException.class, () -> MomentFormat.toJava(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> MomentFormat.toJava(""));
    }
}
