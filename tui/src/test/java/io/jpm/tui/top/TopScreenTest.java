package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import io.jpm.themes.ColorDepth;
import io.jpm.themes.Role;
import io.jpm.tui.render.LanternaColors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console drawn on Lanterna's virtual terminal. */
class TopScreenTest {

    @Test
    void gridShowsEveryWorkerWithItsColumnsAndTheLogsBelow() throws Exception {
        TopState s = Fixtures.demoState();
        try (VirtualScreen v = new VirtualScreen(120, 40, ColorDepth.TRUECOLOR, false)) {
            String text = v.draw(s).text();
            assertTrue(v.row(0).contains("6 workers, 4 online"), v.row(0));
            assertTrue(v.row(0).contains("connected"), v.row(0));
            String header = v.row(1);
            for (String col : List.of("id", "name", "mode", "pid", "status", "↺", "uptime", "cpu", "mem")) {
                assertTrue(header.contains(col), "header lacks " + col + ": " + header);
            }
            assertTrue(v.row(2).matches("\\s+0 web\\s+fork\\s+4000 online\\s+0\\s+1m\\s+3.5%\\s+40mb.*"), v.row(2));
            assertTrue(text.contains("waiting"), text);
            assertTrue(v.row(7).contains("stopped") && v.row(7).contains(" - "), v.row(7));
            assertTrue(v.row(2).contains("⣀"), "a CPU sparkline on the row: " + v.row(2));
            assertTrue(text.contains("ticker:2 │ tick 1"), text);
            assertTrue(text.contains("flaky:3  ! flaky: crashing"), text);
            assertTrue(text.contains("host") && text.contains("web id 0"), text);
        }
    }

    @Test
    void selectedRowIsDrawnInTheSelectionColor() throws Exception {
        TopState s = Fixtures.demoState();
        LanternaColors colors = new LanternaColors(s.theme(), ColorDepth.TRUECOLOR);
        try (VirtualScreen v = new VirtualScreen(120, 40, ColorDepth.TRUECOLOR, false)) {
            v.draw(s);
            assertEquals(colors.background(Role.SELECTION), v.at(5, 2).getBackgroundColor());
            assertEquals(colors.background(Role.BACKGROUND), v.at(5, 3).getBackgroundColor());
        }
    }

    @Test
    void themeIsAppliedAndTCyclesToTheNext() throws Exception {
        TopState s = Fixtures.demoState();
        TopController c = new TopController(s, new RecordingSink());
        try (VirtualScreen v = new VirtualScreen(100, 30, ColorDepth.TRUECOLOR, false)) {
            v.draw(s);
            TextColor darkBg = v.at(3, 12).getBackgroundColor();
            assertEquals(LanternaColors.toTextColor(s.theme().color(Role.BACKGROUND), ColorDepth.TRUECOLOR), darkBg);
            c.handle(new Input.Key(new KeyStroke('t', false, false)), 0);
            assertEquals("light", s.theme().name());
            v.draw(s);
            TextColor lightBg = v.at(3, 12).getBackgroundColor();
            assertEquals(LanternaColors.toTextColor(s.theme().color(Role.BACKGROUND), ColorDepth.TRUECOLOR), lightBg);
            assertNotEquals(darkBg, lightBg);
            assertTrue(v.row(0).contains("theme light"), v.row(0));
        }
    }

    @Test
    void sixteenColorTerminalGetsOnlyAnsiColors() throws Exception {
        TopState s = Fixtures.demoState();
        try (VirtualScreen v = new VirtualScreen(100, 30, ColorDepth.ANSI16, false)) {
            v.draw(s);
            for (int r = 0; r < 30; r++) {
                for (int col = 0; col < 100; col++) {
                    assertTrue(v.at(col, r).getForegroundColor() instanceof TextColor.ANSI, "cell " + col + "," + r);
                    assertTrue(v.at(col, r).getBackgroundColor() instanceof TextColor.ANSI, "cell " + col + "," + r);
                }
            }
        }
    }

    @Test
    void narrowTerminalStillLaysOutEveryPane() throws Exception {
        TopState s = Fixtures.demoState();
        try (VirtualScreen v = new VirtualScreen(60, 20, ColorDepth.ANSI256, false)) {
            String text = v.draw(s).text();
            assertTrue(v.row(0).startsWith(" jpm-top"), v.row(0));
            assertTrue(v.row(1).contains("status") && v.row(1).contains("mem"), v.row(1));
            assertFalse(v.row(1).contains("mode"), "mode is the first column to go: " + v.row(1));
            assertTrue(v.row(2).contains("web") && v.row(2).contains("online"), v.row(2));
            assertTrue(text.contains("logs: all apps"), text);
            assertTrue(v.row(19).contains("restart"), "status line at the bottom: " + v.row(19));
        }
    }

    @Test
    void resizeRelaysOutToTheNewSize() throws Exception {
        TopState s = Fixtures.demoState();
        try (VirtualScreen v = new VirtualScreen(120, 40, ColorDepth.ANSI256, true)) {
            v.draw(s);
            assertTrue(v.row(39).contains("restart"), v.row(39));
            v.terminal.setTerminalSize(new TerminalSize(80, 24));
            v.draw(s);
            assertTrue(v.row(23).contains("restart"), "status line moved to the new last row: " + v.row(23));
            assertTrue(v.row(1).contains("mode"), "80 columns keep every column: " + v.row(1));
            assertFalse(v.text().contains("⣀"), "--ascii draws no braille");
        }
    }

    @Test
    void overlaysDrawOnTop() throws Exception {
        TopState s = Fixtures.demoState();
        TopController c = new TopController(s, new RecordingSink());
        try (VirtualScreen v = new VirtualScreen(80, 24, ColorDepth.ANSI256, false)) {
            c.handle(new Input.Key(new KeyStroke('?', false, false)), 0);
            String help = v.draw(s).text();
            assertTrue(help.contains("jpm-top keys") && help.contains("rolling reload"), help);
            c.handle(new Input.Key(new KeyStroke('x', false, false)), 0);
            c.handle(new Input.Key(new KeyStroke('d', false, false)), 0);
            String confirm = v.draw(s).text();
            assertTrue(confirm.contains("Delete web (id 0)?"), confirm);
        }
    }
}
