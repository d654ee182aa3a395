package io.jpm.themes.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class XtermPaletteTest {

    @Test
    void knowsTheCubeAndGrayRamp() {
        assertEquals(0x000000, XtermPalette.rgb(16));
        assertEquals(0xff0000, XtermPalette.rgb(196));
        assertEquals(0x5f87af, XtermPalette.rgb(67));
        assertEquals(0xffffff, XtermPalette.rgb(231));
        assertEquals(0x080808, XtermPalette.rgb(232));
        assertEquals(0xeeeeee, XtermPalette.rgb(255));
        assertEquals(0x808080, XtermPalette.rgb(8));
    }

    @Test
    void everyEntryAbove15IsItsOwnNearest() {
        for (int i = 16; i < 256; i++) {
            int rgb = XtermPalette.rgb(i);
            int found = XtermPalette.nearest256(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
            assertEquals(XtermPalette.rgb(i), XtermPalette.rgb(found), "entry " + i);
        }
    }

    @Test
    void everyAnsiEntryIsItsOwnNearest() {
        for (int i = 0; i < 16; i++) {
            int rgb = XtermPalette.rgb(i);
            assertEquals(i, XtermPalette.nearest16(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff));
        }
    }

    @Test
    void rejectsIndexesOutsideThePalette() {
        var e = assertThrows(IllegalArgumentException.class, () -> XtermPalette.rgb(256));
        assertEquals("color index not in 0-255: 256", e.getMessage());
    }
}
