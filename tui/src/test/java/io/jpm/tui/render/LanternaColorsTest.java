package io.jpm.tui.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.jpm.themes.Attribute;
import io.jpm.themes.Color;
import io.jpm.themes.ColorDepth;
import io.jpm.themes.Role;
import io.jpm.themes.Theme;
import io.jpm.themes.ThemeCatalog;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LanternaColorsTest {

    private static final ThemeCatalog CATALOG = ThemeCatalog.builtIns();

    /**
     * Draws on a real Lanterna screen over a virtual terminal and returns that terminal after refresh.
     * The screen is left started: stopping it leaves private mode, which shows the other buffer.
     */
    private static DefaultVirtualTerminal draw(Consumer<TextGraphics> painter) throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(30, 4));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        painter.accept(screen.newTextGraphics());
        screen.refresh();
        return terminal;
    }

    private static Theme theme(String name) {
        return CATALOG.get(name).orElseThrow();
    }

    @Test
    void mapsEachColorKindAtFullDepth() {
        ColorDepth d = ColorDepth.TRUECOLOR;
        assertEquals(TextColor.ANSI.DEFAULT, LanternaColors.toTextColor(Color.DEFAULT, d));
        assertEquals(TextColor.ANSI.RED, LanternaColors.toTextColor(Color.parse("red"), d));
        assertEquals(TextColor.ANSI.BLACK_BRIGHT, LanternaColors.toTextColor(Color.parse("brightBlack"), d));
        assertEquals(TextColor.ANSI.WHITE_BRIGHT, LanternaColors.toTextColor(Color.parse("brightWhite"), d));
        assertEquals(new TextColor.Indexed(123), LanternaColors.toTextColor(Color.parse("123"), d));
        assertEquals(new TextColor.RGB(0x12, 0x34, 0x56), LanternaColors.toTextColor(Color.parse("#123456"), d));
    }

    @Test
    void reducesColorsToTheDepth() {
        Color red = Color.parse("#ff0000");
        assertEquals(new TextColor.Indexed(196), LanternaColors.toTextColor(red, ColorDepth.ANSI256));
        assertEquals(TextColor.ANSI.RED_BRIGHT, LanternaColors.toTextColor(red, ColorDepth.ANSI16));
        assertEquals(TextColor.ANSI.DEFAULT, LanternaColors.toTextColor(red, ColorDepth.MONOCHROME));
    }

    @Test
    void mapsAttributesToSgr() {
        assertEquals(
                EnumSet.of(SGR.BOLD, SGR.REVERSE, SGR.UNDERLINE),
                LanternaColors.toSgr(Set.of(Attribute.BOLD, Attribute.REVERSE, Attribute.UNDERLINE)));
        assertEquals(EnumSet.noneOf(SGR.class), LanternaColors.toSgr(Set.of()));
    }

    @Test
    void drawsARoleWithItsColorsAndAttributes() throws IOException {
        LanternaColors colors = new LanternaColors(theme("dark"), ColorDepth.ANSI16);
        DefaultVirtualTerminal term =
                draw(g -> colors.apply(g, Role.STATUS_ERRORED).putString(2, 1, "errored"));
        TextCharacter e = term.getCharacter(2, 1);
        assertEquals("e", e.getCharacterString());
        assertEquals(TextColor.ANSI.RED_BRIGHT, e.getForegroundColor());
        assertEquals(TextColor.ANSI.DEFAULT, e.getBackgroundColor());
        assertTrue(e.isBold());
        assertEquals(TextColor.ANSI.RED_BRIGHT, term.getCharacter(8, 1).getForegroundColor());
        assertEquals(TextColor.ANSI.DEFAULT, term.getCharacter(9, 1).getForegroundColor(), "cell after the text");
    }

    @Test
    void applyReplacesEarlierModifiers() throws IOException {
        LanternaColors colors = new LanternaColors(theme("dark"), ColorDepth.ANSI16);
        DefaultVirtualTerminal term = draw(g -> {
            colors.apply(g, Role.HEADER).putString(0, 0, "NAME");
            colors.apply(g, Role.STATUS_ONLINE).putString(0, 1, "online");
        });
        assertTrue(term.getCharacter(0, 0).isBold());
        assertEquals(TextColor.ANSI.CYAN, term.getCharacter(0, 0).getForegroundColor());
        assertFalse(term.getCharacter(0, 1).isBold());
        assertEquals(TextColor.ANSI.GREEN, term.getCharacter(0, 1).getForegroundColor());
    }

    @Test
    void drawsTheSelectedRowInEachDepth() throws IOException {
        Map<ColorDepth, TextColor> expectedBackground = Map.of(
                ColorDepth.TRUECOLOR, new TextColor.RGB(0x26, 0x8b, 0xd2),
                ColorDepth.ANSI256, new TextColor.Indexed(32),
                ColorDepth.ANSI16, TextColor.ANSI.CYAN);
        for (var entry : expectedBackground.entrySet()) {
            LanternaColors colors = new LanternaColors(theme("solarized-dark"), entry.getKey());
            DefaultVirtualTerminal term =
                    draw(g -> colors.apply(g, Role.SELECTION).putString(0, 2, " api "));
            TextCharacter c = term.getCharacter(1, 2);
            assertEquals("a", c.getCharacterString());
            assertEquals(
                    entry.getValue(), c.getBackgroundColor(), entry.getKey().name());
            assertEquals(colors.foreground(Role.SELECTION_TEXT), c.getForegroundColor());
        }
    }

    @Test
    void monochromeSelectionIsReverseVideoInDefaultColors() throws IOException {
        ColorDepth noColor = ColorDepth.detect(Map.of("NO_COLOR", "1", "TERM", "xterm-256color"));
        LanternaColors colors = new LanternaColors(CATALOG.select("light", noColor), noColor);
        DefaultVirtualTerminal term = draw(g -> {
            colors.apply(g, Role.SELECTION).putString(0, 0, "web");
            colors.apply(g, Role.LOG_ERR).putString(0, 1, "boom");
        });
        TextCharacter sel = term.getCharacter(0, 0);
        assertTrue(sel.isReversed());
        assertEquals(TextColor.ANSI.DEFAULT, sel.getForegroundColor());
        assertEquals(TextColor.ANSI.DEFAULT, sel.getBackgroundColor());
        TextCharacter err = term.getCharacter(0, 1);
        assertTrue(err.isBold());
        assertFalse(err.isReversed());
        assertEquals(TextColor.ANSI.DEFAULT, err.getForegroundColor());
    }

    @Test
    void drawsAppNamesInTheirPaletteColorOnTheBackground() throws IOException {
        Theme light = theme("light");
        LanternaColors colors = new LanternaColors(light, ColorDepth.TRUECOLOR);
        DefaultVirtualTerminal term = draw(g -> colors.applyApp(g, "billing").putString(0, 0, "billing"));
        Color expected = light.appColor("billing");
        assertEquals(
                LanternaColors.toTextColor(expected, ColorDepth.TRUECOLOR),
                term.getCharacter(0, 0).getForegroundColor());
        assertEquals(
                new TextColor.RGB(0xfa, 0xfa, 0xfa), term.getCharacter(0, 0).getBackgroundColor());
    }

    @Test
    void drawsASparklineInItsRole() throws IOException {
        LanternaColors colors = new LanternaColors(theme("high-contrast"), ColorDepth.ANSI256);
        String line = Sparkline.of(Sparkline.Glyphs.BRAILLE).withMax(100).render(new double[] {0, 100, 50, 50}, 3);
        DefaultVirtualTerminal term =
                draw(g -> colors.apply(g, Role.SPARKLINE_CPU).putString(0, 3, line));
        assertEquals(" ", term.getCharacter(0, 3).getCharacterString());
        assertEquals(line.substring(1, 2), term.getCharacter(1, 3).getCharacterString());
        assertEquals(line.substring(2, 3), term.getCharacter(2, 3).getCharacterString());
        assertEquals(TextColor.ANSI.CYAN_BRIGHT, term.getCharacter(1, 3).getForegroundColor());
        assertEquals(TextColor.ANSI.BLACK, term.getCharacter(1, 3).getBackgroundColor());
    }
}
