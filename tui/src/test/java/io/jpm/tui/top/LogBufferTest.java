package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogBufferTest {
    static LogLine line(int n) {
        return new LogLine(n % 2 == 0 ? "even" : "odd", n, false, "line " + n);
    }

    @Test
    void keepsOnlyTheNewestLinesUpToItsCapacity() {
        LogBuffer b = new LogBuffer(100);
        for (int i = 0; i < 10_000; i++) b.add(line(i));
        assertEquals(100, b.size());
        assertEquals(10_000, b.appended());
        assertEquals("line 9900", b.get(0).text());
        assertEquals("line 9999", b.get(99).text());
    }

    @Test
    void windowFiltersSkipsAndStopsBeforeHiddenLines() {
        LogBuffer b = new LogBuffer(50);
        for (int i = 0; i < 20; i++) b.add(line(i));
        assertEquals(List.of("line 17", "line 18", "line 19"), texts(b.window(l -> true, 3, 0, 0)));
        assertEquals(
                List.of("line 14", "line 16", "line 18"),
                texts(b.window(l -> l.app().equals("even"), 3, 0, 0)));
        assertEquals(
                List.of("line 10", "line 12", "line 14"),
                texts(b.window(l -> l.app().equals("even"), 3, 2, 0)));
        assertEquals(List.of("line 15", "line 16"), texts(b.window(l -> true, 2, 0, 3)));
    }

    @Test
    void controlCharactersAreNeutralised() {
        assertEquals("a b?[31mred", new LogLine("x", 0, false, "a\tb\u001b[31mred").text());
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LogBuffer(0));
    }

    static List<String> texts(List<LogLine> lines) {
        return lines.stream().map(LogLine::text).toList();
    }
}
