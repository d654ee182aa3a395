package io.jpm.engine.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogLineWriterTest {

    private static final long T = Instant.parse("2026-11-24T19:47:03.123Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void prefixesEachLineWithItsTimestamp() throws IOException {
        Path live = dir.resolve("app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            LineSplitter splitter =
                    new LineSplitter(new LogLineWriter(file, TimestampFormat.iso(ZoneOffset.UTC), () -> T));
            splitter.feed("hello\nworld\n".getBytes(UTF_8));
        }
        assertEquals(
                "2026-11-24T19:47:03.123+00:00: hello\n2026-11-24T19:47:03.123+00:00: world\n", Files.readString(live));
    }

    @Test
    void withoutTimestampsLinesAreBare() throws IOException {
        Path live = dir.resolve("app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            new LineSplitter(new LogLineWriter(file, null, () -> T)).feed("a\r\nb\n".getBytes(UTF_8));
        }
        assertEquals("a\nb\n", Files.readString(live));
    }

    @Test
    void piecesOfAMegabyteLineAreMarkedContinued() throws IOException {
        Path live = dir.resolve("app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            LineSplitter splitter = new LineSplitter(new LogLineWriter(file, null, () -> T));
            byte[] line = new byte[1024 * 1024];
            Arrays.fill(line, (byte) 'm');
            splitter.feed(line);
            splitter.feed(new byte[] {'\n'});
        }
        var lines = Files.readAllLines(live);
        assertEquals(16, lines.size());
        String piece = "m".repeat(LineSplitter.MAX_LINE);
        for (int i = 0; i < 15; i++) assertEquals(piece + LogLineWriter.CONTINUED_MARKER, lines.get(i));
        assertEquals(piece, lines.get(15));
    }

    @Test
    void invalidUtf8AndNulBytesAreWrittenAsIs() throws IOException {
        Path live = dir.resolve("app-out.log");
        byte[] junk = {0, (byte) 0xFF, (byte) 0xC3, 'x', 0, '\n'};
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            new LineSplitter(new LogLineWriter(file, null, () -> T)).feed(junk);
        }
        assertArrayEquals(junk, Files.readAllBytes(live));
    }
}
