package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizeParserTest {

    @Test
    void sizesArePowersOf1024() {
        assertEquals(512L * 1024, SizeParser.bytes("512K"));
        assertEquals(200L * 1024 * 1024, SizeParser.bytes("200M"));
        assertEquals(1L << 30, SizeParser.bytes("1G"));
        assertEquals(3L << 29, SizeParser.bytes("1.5G"));
        assertEquals(10L << 20, SizeParser.bytes("10MB"));
        assertEquals(10L << 20, SizeParser.bytes("10mb"));
        assertEquals(10L << 20, SizeParser.bytes("10 MiB"));
        assertEquals(1234, SizeParser.bytes("1234"));
        assertEquals(1234, SizeParser.bytes("1234B"));
        assertEquals(2L << 40, SizeParser.bytes("2T"));
    }

    @Test
    void badSizes() {
        for (String bad : new String[] {"", "M", "-1M", "1X", "1.M", "one", "99999999999999999999T"}) {
            assertThrows(IllegalArgumentException.class, () -> SizeParser.bytes(bad), bad);
        }
        assertEquals(
                "is not a size like 512K, 200M or 1G",
                assertThrows(IllegalArgumentException.class, () -> SizeParser.bytes("lots"))
                        .getMessage());
    }

    @Test
    void durations() {
        assertEquals(500, SizeParser.millis("500ms"));
        assertEquals(5000, SizeParser.millis("5s"));
        assertEquals(60_000, SizeParser.millis("1m"));
        assertEquals(90_000, SizeParser.millis("1.5m"));
        assertEquals(7_200_000, SizeParser.millis("2h"));
        assertEquals(86_400_000, SizeParser.millis("1d"));
        assertEquals(1500, SizeParser.millis("1500"));
        assertEquals(3000, SizeParser.millis(" 3 S "));
    }

    @Test
    void badDurations() {
        for (String bad : new String[] {"", "s", "-5s", "5 seconds", "5w", "1e3"}) {
            assertThrows(IllegalArgumentException.class, () -> SizeParser.millis(bad), bad);
        }
    }
}
