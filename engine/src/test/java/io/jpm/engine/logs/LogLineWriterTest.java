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
    void logTypeJsonWritesPm2sObjectPerLine() throws IOException {
        Path live = dir.resolve("api-out.log");
        LogLineWriter.JsonLines who = new LogLineWriter.JsonLines("api \"v2\"", 3, "out");
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            new LineSplitter(new LogLineWriter(file, null, () -> T, who)).feed("say \"hi\"\tnow\n".getBytes(UTF_8));
            new LineSplitter(new LogLineWriter(file, new TimestampFormat("HH:mm", ZoneOffset.UTC), () -> T, who))
                    .feed("é\n".getBytes(UTF_8));
        }
        var lines = Files.readAllLines(live);
        var first = io.jpm.ipc.Json.MAPPER.readTree(lines.get(0));
        assertEquals("say \"hi\"\tnow", first.path("message").asText());
        assertEquals("2026-11-24T19:47:03.123Z", first.path("timestamp").asText(), "PM2's toISOString by default");
        assertEquals("out", first.path("type").asText());
        assertEquals(3, first.path("process_id").asInt());
        assertEquals("api \"v2\"", first.path("app_name").asText());
        var second = io.jpm.ipc.Json.MAPPER.readTree(lines.get(1));
        assertEquals("é", second.path("message").asText());
        assertEquals("19:47", second.path("timestamp").asText(), "log_date_format when set");
        assertEquals(2, lines.size());
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
