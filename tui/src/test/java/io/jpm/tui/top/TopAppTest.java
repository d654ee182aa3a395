package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.jpm.ipc.Request;
import io.jpm.testing.Await;
import io.jpm.themes.ColorDepth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The whole main loop drawing on a virtual terminal, with keys and daemon inputs posted from other threads. */
class TopAppTest {

    @Test
    void keysReachTheSinkThroughAFloodOfLogsAndQQuits() throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(100, 30));
        TopState s = Fixtures.demoState();
        TopApp app =
                new TopApp(new TerminalScreen(vt), s, new TopRenderer(ColorDepth.ANSI256, false)).withoutKeyReader();
        RecordingSink sink = new RecordingSink();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread ui = new Thread(
                () -> {
                    try {
                        app.run(sink);
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "test-ui");
        ui.start();
        try {
            for (int batch = 0; batch < 200; batch++) {
                List<LogLine> lines = new ArrayList<>();
                for (int i = 0; i < 500; i++) lines.add(new LogLine("ticker", 2, false, "flood " + batch + "." + i));
                app.post(new Input.Logs(lines));
            }
            app.post(new Input.Key(new KeyStroke('r', false, false)));
            Await.until("restart sent", () -> !sink.commands.isEmpty());
            sink.assertRequests(new Request.Restart("0", false, Map.of()));
            Await.until("the last flood line on screen", () -> screenText(vt).contains("flood 199.499"));
            assertEquals(s.logs.capacity(), s.logs.size(), "the scrollback stays capped");
            app.post(new Input.Key(new KeyStroke('q', false, false)));
            ui.join(5_000);
            assertFalse(ui.isAlive(), "q ends the loop");
            assertEquals(null, failure.get());
        } finally {
            if (ui.isAlive()) {
                app.post(new Input.Key(new KeyStroke('q', false, false)));
                ui.join(5_000);
            }
        }
    }

    static String screenText(DefaultVirtualTerminal vt) {
        StringBuilder b = new StringBuilder();
        TerminalSize size = vt.getTerminalSize();
        for (int r = 0; r < size.getRows(); r++) {
            for (int c = 0; c < size.getColumns(); c++)
                b.append(vt.getCharacter(c, r).getCharacterString());
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void localeDecidesBetweenUnicodeAndAscii() {
        assertTrue(TopLauncher.utf8(Map.of("LANG", "en_US.UTF-8")));
        assertTrue(TopLauncher.utf8(Map.of("LC_ALL", "C.utf8", "LANG", "C")));
        assertFalse(TopLauncher.utf8(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8")));
        assertFalse(TopLauncher.utf8(Map.of()));
    }
}
