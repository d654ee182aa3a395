package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.BasicTextImage;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.jpm.themes.ColorDepth;
import io.jpm.themes.Role;
import io.jpm.themes.Style;
import io.jpm.themes.ThemeCatalog;
import io.jpm.tui.render.LanternaColors;
import org.junit.jupiter.api.Test;

class CellCacheTest {
    private final LanternaColors colors =
            new LanternaColors(ThemeCatalog.builtIns().themes().get(0), ColorDepth.TRUECOLOR);
    private final Style style = colors.theme().style(Role.LOG_ERR);

    /** The same text drawn by Lanterna's putString, padded or cut as Painter.fit does. */
    private BasicTextImage byLanterna(String fitted) {
        BasicTextImage img = new BasicTextImage(new TerminalSize(20, 1));
        TextGraphics g = colors.apply(img.newTextGraphics(), style);
        g.putString(2, 0, fitted);
        return img;
    }

    private BasicTextImage byCache(CellCache cache, String s, int width) {
        BasicTextImage img = new BasicTextImage(new TerminalSize(20, 1));
        assertTrue(cache.text(img.newTextGraphics(), 2, 0, width, s, '…', style), s);
        return img;
    }

    private static void assertSameContent(BasicTextImage expected, BasicTextImage actual) {
        for (int c = 0; c < 20; c++) {
            TextCharacter e = expected.getCharacterAt(c, 0);
            TextCharacter a = actual.getCharacterAt(c, 0);
            String at = "column " + c;
            assertEquals(e.getCharacterString(), a.getCharacterString(), at);
            assertEquals(e.getForegroundColor(), a.getForegroundColor(), at);
            assertEquals(e.getBackgroundColor(), a.getBackgroundColor(), at);
            assertEquals(e.getModifiers(), a.getModifiers(), at);
            assertEquals(e.isDoubleWidth(), a.isDoubleWidth(), at);
        }
    }

    @Test
    void plainTextIsDrawnAsLanternaDrawsItPaddedOrCut() {
        CellCache cache = new CellCache(colors);
        assertSameContent(byLanterna("web:0 │ ok ⣿   "), byCache(cache, "web:0 │ ok ⣿", 15));
        assertSameContent(byLanterna("a long lin…"), byCache(cache, "a long line of text", 11));
        assertSameContent(byLanterna("exact"), byCache(cache, "exact", 5));
    }

    @Test
    void anUnchangedCellIsTheSameObjectFromFrameToFrame() {
        CellCache cache = new CellCache(colors);
        BasicTextImage first = byCache(cache, "abc", 3);
        BasicTextImage second = byCache(cache, "abc", 3);
        for (int c = 2; c < 5; c++) assertSame(first.getCharacterAt(c, 0), second.getCharacterAt(c, 0));
        assertTrue(first.getCharacterAt(2, 0).equals(second.getCharacterAt(2, 0)));
    }

    @Test
    void textThatIsNotPlainIsLeftToLanternaAndNothingIsDrawn() {
        CellCache cache = new CellCache(colors);
        for (String s : new String[] {"wide 漢字", "tab\there", "emoji \uD83D\uDE00", "e\u0301", "esc \u001b[31m"}) {
            BasicTextImage img = new BasicTextImage(new TerminalSize(20, 1));
            assertFalse(cache.text(img.newTextGraphics(), 0, 0, 20, s, '…', style), s);
            assertEquals(" ", img.getCharacterAt(0, 0).getCharacterString(), s);
        }
    }

    @Test
    void onlyTheShownPartOfACutLineMustBePlain() {
        CellCache cache = new CellCache(colors);
        assertSameContent(byLanterna("shown…"), byCache(cache, "shown part 漢字", 6));
    }

    @Test
    void fillPaintsSpacesInTheStyle() {
        CellCache cache = new CellCache(colors);
        BasicTextImage img = new BasicTextImage(new TerminalSize(20, 1));
        cache.fill(img.newTextGraphics(), 2, 0, 3, 1, style);
        assertSameContent(byLanterna("   "), img);
    }
}
