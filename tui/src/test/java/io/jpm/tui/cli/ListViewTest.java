package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WorkerView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListViewTest {
    static List<WorkerView> workers() throws Exception {
        return Wire.read("""
                [{"id": 0, "name": "a-rather-long-application-name-for-the-api", "mode": "cluster", "pid": 123456,
                  "uptimeMs": 7200000, "restarts": 12, "status": "online", "cpu": 99.5, "memory": 123456789},
                 {"id": 1, "name": "worker", "mode": "fork", "pid": null, "uptimeMs": 0, "restarts": 0,
                  "status": "errored", "cpu": 0, "memory": 0}]""".getBytes(StandardCharsets.UTF_8), Results.Workers::read)
                .workers();
    }

    @Test
    void aWideTerminalShowsEveryColumn() throws Exception {
        List<String> lines = ListView.render(workers(), 200, false);
        assertEquals(
                List.of("id", "name", "mode", "pid", "uptime", "↺", "status", "cpu", "mem"),
                List.of(lines.get(0).split("\\s+")));
        assertTrue(
                lines.get(1).contains("99.5%")
                        && lines.get(1).contains("118mb")
                        && lines.get(1).contains("2h"),
                lines.get(1));
    }

    @Test
    void eightyColumnsDropOrShortenColumnsRatherThanWrap() throws Exception {
        for (int width : new int[] {80, 60, 40}) {
            List<String> lines = ListView.render(workers(), width, false);
            for (String l : lines) assertTrue(l.length() <= width, width + ": " + l);
            assertTrue(lines.get(0).contains("status") && lines.get(0).contains("cpu"), lines.get(0));
        }
    }

    @Test
    void colorOnlyOnATerminalWithoutNoColor() throws Exception {
        assertFalse(String.join("\n", ListView.render(workers(), 120, false)).contains("\u001b["));
        assertTrue(String.join("\n", ListView.render(workers(), 120, true)).contains("\u001b["));
        assertTrue(Terminal.colorFor(true, Map.of("TERM", "xterm")));
        assertFalse(Terminal.colorFor(false, Map.of("TERM", "xterm")), "not a TTY");
        assertFalse(Terminal.colorFor(true, Map.of("NO_COLOR", "")), "NO_COLOR set, even empty");
        assertFalse(Terminal.colorFor(true, Map.of("TERM", "dumb")));
    }
}
