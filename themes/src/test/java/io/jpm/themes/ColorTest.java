package io.jpm.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ColorTest {

    @Test
    void parsesDefault() {
        assertEquals(Color.DEFAULT, Color.parse("default"));
        assertEquals(Color.DEFAULT, Color.parse("DEFAULT"));
    }

    @Test
    void parsesEveryAnsiNameByItsThemeName() {
        for (AnsiColor c : AnsiColor.values()) {
            assertEquals(Color.ansi(c), Color.parse(c.themeName()), c.themeName());
        }
        assertEquals(16, AnsiColor.values().length);
    }

    @Test
    void ansiNamesIgnoreCaseDashesAndUnderscores() {
        assertEquals(Color.ansi(AnsiColor.BRIGHT_BLACK), Color.parse("bright-black"));
        assertEquals(Color.ansi(AnsiColor.BRIGHT_BLACK), Color.parse("BRIGHT_BLACK"));
        assertEquals(Color.ansi(AnsiColor.RED), Color.parse("Red"));
    }

    @Test
    void parsesIndexes() {
        assertEquals(Color.indexed(0), Color.parse("0"));
        assertEquals(Color.indexed(123), Color.parse("123"));
        assertEquals(Color.indexed(255), Color.parse("255"));
        assertEquals(Color.indexed(7), Color.parse("007"));
    }

    @Test
    void parsesHexInEitherCase() {
        assertEquals(Color.rgb(0x12, 0x34, 0xab), Color.parse("#1234ab"));
        assertEquals(Color.rgb(0x12, 0x34, 0xab), Color.parse("#1234AB"));
        assertEquals(Color.rgb(255, 255, 255), Color.parse("#ffffff"));
    }

    @Test
    void toStringIsTheThemeFileForm() {
        assertEquals("default", Color.DEFAULT.toString());
        assertEquals("brightMagenta", Color.ansi(AnsiColor.BRIGHT_MAGENTA).toString());
        assertEquals("42", Color.indexed(42).toString());
        assertEquals("#0a0b0c", Color.rgb(10, 11, 12).toString());
        for (String s : new String[] {"default", "brightMagenta", "42", "#0a0b0c"}) {
            assertEquals(s, Color.parse(s).toString());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#12345",
                "#1234567",
                "#gggggg",
                "123456",
                "256",
                "1000",
                "-1",
                "",
                " red",
                "purple",
                "rgb(1,2,3)"
            })
    void rejectsNonColorsNamingTheValue(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Color.parse(text));
        assertEquals('"' + text + "\" is not a color (use an ANSI name, 0-255 or #rrggbb)", e.getMessage());
    }

    @Test
    void rejectsOutOfRangeComponents() {
        var index = assertThrows(IllegalArgumentException.class, () -> Color.indexed(256));
        assertEquals("color index not in 0-255: 256", index.getMessage());
        var rgb = assertThrows(IllegalArgumentException.class, () -> Color.rgb(0, -1, 0));
        assertEquals("RGB component not in 0-255: 0,-1,0", rgb.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Color.rgb(0, 0, 256));
    }
}
