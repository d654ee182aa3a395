package io.jpm.engine.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("app-out.log"), content, UTF_8);
    }

    @Test
    void lastLinesOldestFirst() throws IOException {
        Path f = file("a\nb\nc\nd\n");
        assertEquals(List.of("c", "d"), LogTail.lastLines(f, 2));
        assertEquals(List.of("d"), LogTail.lastLines(f, 1));
        assertEquals(List.of(), LogTail.lastLines(f, 0));
    }

    @Test
    void moreLinesAskedThanTheFileHas() throws IOException {
        assertEquals(List.of("a", "b"), LogTail.lastLines(file("a\nb\n"), 10));
    }

    @Test
    void lastLineWithoutNewline() throws IOException {
        assertEquals(List.of("b", "partial"), LogTail.lastLines(file("a\nb\npartial"), 2));
        assertEquals(List.of("only"), LogTail.lastLines(file("only"), 5));
    }

    @Test
    void emptyFileAndEmptyLines() throws IOException {
        assertEquals(List.of(), LogTail.lastLines(file(""), 3));
        assertEquals(List.of(""), LogTail.lastLines(file("\n"), 3));
        assertEquals(List.of("a", "", ""), LogTail.lastLines(file("a\n\n\n"), 3));
        assertEquals(List.of("", "b"), LogTail.lastLines(file("\nb\n"), 3));
    }

    @Test
    void crLfEndingsAndInvalidUtf8() throws IOException {
        Path f = dir.resolve("x.log");
        Files.write(f, new byte[] {'a', '\r', '\n', (byte) 0xFF, 0, 'b', '\r', '\n'});
        assertEquals(List.of("a", "\uFFFD\u0000b"), LogTail.lastLines(f, 5));
    }

    @Test
    void linesSpanningManyBlocks() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) lines.add("line " + i + " " + "z".repeat(i % 97));
        Path f = Files.write(dir.resolve("big.log"), lines, UTF_8);
        assertEquals(lines.subList(49_000, 50_000), LogTail.lastLines(f, 1000));
        assertEquals(lines, LogTail.lastLines(f, 60_000));
    }

    @Test
    void hugeLinesAreReturnedCut() throws IOException {
        Path f = dir.resolve("huge.log");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("first\n".getBytes(UTF_8));
            out.write("h".repeat(3_000_000).getBytes(UTF_8));
            out.write("\nlast\n".getBytes(UTF_8));
        }
        List<String> tail = LogTail.lastLines(f, 2);
        assertEquals(2, tail.size());
        assertEquals("last", tail.get(1));
        assertEquals(LogTail.MAX_LINE_BYTES + 1, tail.get(0).length());
        assertTrue(tail.get(0).endsWith("h…"));
        assertEquals("first", LogTail.lastLines(f, 3).get(0));
    }

    @Test
    void negativeCountIsRejected() throws IOException {
        Path f = file("a\n");
        assertEquals(
                "n < 0: -1",
                assertThrows(IllegalArgumentException.class, () -> LogTail.lastLines(f, -1))
                        .getMessage());
    }
}
