package io.jpm.themes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jpm.themes.Role;
import io.jpm.themes.Theme;
import io.jpm.themes.ThemeCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads arbitrary bytes as a user theme file: the result is a complete theme or a one-line {@link
 * ThemeFileException}; nothing else escapes, in the strict (built-in) read or the lenient (user) one.
 */
class ThemeReaderFuzzTest {
    private static final Map<String, Theme> BASES = bases();

    @FuzzTest(maxDuration = "6s")
    void everyFileGivesAThemeOrOneLineError(byte[] file) {
        Theme lenient = read(file, false);
        Theme strict = read(file, true);
        for (Theme theme : new Theme[] {lenient, strict}) {
            if (theme == null) continue;
            assertEquals(Role.values().length, theme.paints().size(), "a theme without every role");
            assertFalse(theme.appPalette().isEmpty(), "a theme with an empty palette");
            assertTrue(Theme.isValidName(theme.name()), theme.name());
            assertNotNull(theme.appColor("api"));
        }
    }

    private static Theme read(byte[] file, boolean strict) {
        try {
            return strict
                    ? ThemeReader.readStrict(file, "fuzzed")
                    : ThemeReader.read(file, "fuzzed", BASES, ThemeCatalog.DEFAULT_THEME);
        } catch (ThemeFileException e) {
            String m = e.getMessage();
            assertFalse(m.isBlank(), "a blank error");
            assertTrue(m.indexOf('\n') < 0 && m.indexOf('\r') < 0, () -> "an error on several lines: " + m);
            return null;
        }
    }

    private static Map<String, Theme> bases() {
        Map<String, Theme> bases = new LinkedHashMap<>();
        for (Theme t : ThemeCatalog.builtIns().themes()) bases.put(t.name(), t);
        return bases;
    }
}
