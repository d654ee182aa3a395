package io.jpm.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorDepthTest {

    private static final Color PURE_RED = Color.parse("#ff0000");

    @Test
    void truecolorKeepsEverything() {
        for (Color c : new Color[] {PURE_RED, Color.indexed(200), Color.ansi(AnsiColor.CYAN), Color.DEFAULT}) {
            assertEquals(c, ColorDepth.TRUECOLOR.fit(c));
        }
    }

    @Test
    void ansi256MapsRgbToTheNearestCubeOrGrayEntry() {
        assertEquals(Color.indexed(196), ColorDepth.ANSI256.fit(PURE_RED));
        assertEquals(Color.indexed(16), ColorDepth.ANSI256.fit(Color.parse("#000000")));
        assertEquals(Color.indexed(231), ColorDepth.ANSI256.fit(Color.parse("#ffffff")));
        assertEquals(Color.indexed(244), ColorDepth.ANSI256.fit(Color.parse("#808080")));
        assertEquals(Color.indexed(32), ColorDepth.ANSI256.fit(Color.parse("#268bd2")));
        assertEquals(Color.indexed(234), ColorDepth.ANSI256.fit(Color.parse("#1c1c1c")));
    }

    @Test
    void ansi256KeepsIndexesAndAnsiColors() {
        assertEquals(Color.indexed(9), ColorDepth.ANSI256.fit(Color.indexed(9)));
        assertEquals(Color.ansi(AnsiColor.BLUE), ColorDepth.ANSI256.fit(Color.ansi(AnsiColor.BLUE)));
        assertEquals(Color.DEFAULT, ColorDepth.ANSI256.fit(Color.DEFAULT));
    }

    @Test
    void ansi16MapsRgbAndHighIndexesToTheNearestAnsiColor() {
        assertEquals(Color.ansi(AnsiColor.BRIGHT_RED), ColorDepth.ANSI16.fit(PURE_RED));
        assertEquals(Color.ansi(AnsiColor.BRIGHT_RED), ColorDepth.ANSI16.fit(Color.indexed(196)));
        assertEquals(Color.ansi(AnsiColor.RED), ColorDepth.ANSI16.fit(Color.parse("#a01010")));
        assertEquals(Color.ansi(AnsiColor.BLACK), ColorDepth.ANSI16.fit(Color.parse("#1e1e1e")));
        assertEquals(Color.ansi(AnsiColor.BRIGHT_WHITE), ColorDepth.ANSI16.fit(Color.parse("#fafafa")));
        assertEquals(Color.ansi(AnsiColor.BRIGHT_BLACK), ColorDepth.ANSI16.fit(Color.indexed(244)));
        assertEquals(Color.ansi(AnsiColor.GREEN), ColorDepth.ANSI16.fit(Color.indexed(28)));
    }

    @Test
    void ansi16TurnsLowIndexesIntoTheirAnsiColor() {
        for (int i = 0; i < 16; i++) {
            assertEquals(Color.ansi(AnsiColor.ofIndex(i)), ColorDepth.ANSI16.fit(Color.indexed(i)));
        }
    }

    @Test
    void ansi16KeepsAnsiAndDefault() {
        assertEquals(Color.ansi(AnsiColor.MAGENTA), ColorDepth.ANSI16.fit(Color.ansi(AnsiColor.MAGENTA)));
        assertEquals(Color.DEFAULT, ColorDepth.ANSI16.fit(Color.DEFAULT));
    }

    @Test
    void monochromeMakesEverythingDefault() {
        for (Color c : new Color[] {PURE_RED, Color.indexed(200), Color.ansi(AnsiColor.CYAN), Color.DEFAULT}) {
            assertEquals(Color.DEFAULT, ColorDepth.MONOCHROME.fit(c));
        }
    }

    @Test
    void fittedColorsAreSupported() {
        for (ColorDepth depth : ColorDepth.values()) {
            for (Color c : new Color[] {PURE_RED, Color.indexed(200), Color.indexed(3), Color.ansi(AnsiColor.CYAN)}) {
                assertTrue(depth.supports(depth.fit(c)), depth + " " + c);
            }
        }
        assertFalse(ColorDepth.ANSI16.supports(PURE_RED));
        assertFalse(ColorDepth.ANSI256.supports(PURE_RED));
        assertTrue(ColorDepth.ANSI256.supports(Color.indexed(196)));
    }

    @Test
    void detectsTruecolorFromColorterm() {
        assertEquals(ColorDepth.TRUECOLOR, ColorDepth.detect(Map.of("COLORTERM", "truecolor", "TERM", "xterm")));
        assertEquals(ColorDepth.TRUECOLOR, ColorDepth.detect(Map.of("COLORTERM", "24bit")));
        assertEquals(ColorDepth.TRUECOLOR, ColorDepth.detect(Map.of("TERM", "xterm-direct")));
    }

    @Test
    void detects256FromTerm() {
        assertEquals(ColorDepth.ANSI256, ColorDepth.detect(Map.of("TERM", "xterm-256color")));
        assertEquals(ColorDepth.ANSI256, ColorDepth.detect(Map.of("TERM", "tmux-256color", "COLORTERM", "yes")));
    }

    @Test
    void detectsMonochromeFromNoColorOrDumb() {
        assertEquals(ColorDepth.MONOCHROME, ColorDepth.detect(Map.of("NO_COLOR", "1", "COLORTERM", "truecolor")));
        assertEquals(ColorDepth.MONOCHROME, ColorDepth.detect(Map.of("TERM", "dumb")));
    }

    @Test
    void emptyNoColorIsIgnored() {
        assertEquals(ColorDepth.ANSI256, ColorDepth.detect(Map.of("NO_COLOR", "", "TERM", "xterm-256color")));
    }

    @Test
    void fallsBackTo16Colors() {
        assertEquals(ColorDepth.ANSI16, ColorDepth.detect(Map.of("TERM", "xterm")));
        assertEquals(ColorDepth.ANSI16, ColorDepth.detect(Map.of()));
    }
}
