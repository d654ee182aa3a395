package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.process.Posix;
import io.jpm.testing.Await;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epoll reader against real FIFOs and a real flooding process. */
class LogReaderTest {
    @TempDir
    Path tmp;

    final RecordingDaemonLog log = new RecordingDaemonLog();
    final List<Object> published = new CopyOnWriteArrayList<>();

    @Test
    void everyLineReachesTheFileAndTheStreamEndsWhenItsWriterCloses() throws Exception {
        try (LogReader reader = new LogReader(log, () -> 0L)) {
            Path fifo = tmp.resolve("a.out");
            Posix.mkfifo(fifo);
            int fd = Posix.openNonBlocking(fifo);
            RotatingLogFile file =
                    new RotatingLogFile(tmp.resolve("a.log"), 0, 1, false, null, new RecordingDaemonLog());
            AtomicLong seq = new AtomicLong();
            reader.add(
                    fd,
                    new LogPump(
                            "a",
                            0,
                            "out",
                            file,
                            null,
                            seq,
                            new AtomicLong(),
                            null,
                            false,
                            new RecordingPublisher(published::add),
                            null));
            StringBuilder expected = new StringBuilder();
            try (FileOutputStream w = new FileOutputStream(fifo.toFile())) {
                for (int i = 0; i < 50_000; i++) {
                    String line = "line " + i + "\n";
                    expected.append(line);
                    w.write(line.getBytes(StandardCharsets.US_ASCII));
                }
                w.write("no newline at the end".getBytes(StandardCharsets.US_ASCII));
            }
            Await.until("end of stream", () -> reader.streams() == 0);
            assertEquals(expected + "no newline at the end\n", Files.readString(tmp.resolve("a.log")));
            assertEquals(50_001, seq.get(), "every line numbered once");
            assertTrue(!published.isEmpty());
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void aFloodingWriterDoesNotStarveAQuietOne() throws Exception {
        try (LogReader reader = new LogReader(log, System::currentTimeMillis)) {
            Path flood = tmp.resolve("flood.out");
            Path quiet = tmp.resolve("quiet.out");
            Posix.mkfifo(flood);
            Posix.mkfifo(quiet);
            int floodFd = Posix.openNonBlocking(flood);
            int quietFd = Posix.openNonBlocking(quiet);
            RotatingLogFile floodLog = new RotatingLogFile(
                    tmp.resolve("flood.log"), 1024 * 1024, 2, false, null, new RecordingDaemonLog());
            RotatingLogFile quietLog =
                    new RotatingLogFile(tmp.resolve("quiet.log"), 0, 1, false, null, new RecordingDaemonLog());
            reader.add(
                    floodFd,
                    new LogPump(
                            "f",
                            0,
                            "out",
                            floodLog,
                            null,
                            new AtomicLong(),
                            new AtomicLong(),
                            null,
                            false,
                            new RecordingPublisher(),
                            null));
            reader.add(
                    quietFd,
                    new LogPump(
                            "q",
                            1,
                            "out",
                            quietLog,
                            null,
                            new AtomicLong(),
                            new AtomicLong(),
                            null,
                            false,
                            new RecordingPublisher(),
                            null));
            Process yes = new ProcessBuilder("sh", "-c", "exec yes flooding > \"$0\"", flood.toString()).start();
            try {
                Await.until("the flood", () -> floodLog.rotations() >= 2);
                try (FileOutputStream w = new FileOutputStream(quiet.toFile())) {
                    w.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                }
                Await.until("the quiet line while the flood goes on", () -> read(tmp.resolve("quiet.log"))
                        .equals("hello\n"));
                assertTrue(yes.isAlive(), "still flooding");
            } finally {
                yes.destroyForcibly().waitFor();
            }
            Await.until("end of both streams", () -> reader.streams() == 0);
            assertEquals(List.of(), log.warnings());
        }
    }

    @Test
    void linesThatAFullDiskRefusesAreCountedAndWritingResumesWhenSpaceComesBack() throws Exception {
        Path logs = tmp.resolve("logs");
        RecordingDaemonLog diskLog = new RecordingDaemonLog();
        try (Tmpfs disk = Tmpfs.mount(logs, 128);
                LogReader reader = new LogReader(diskLog, () -> 0L)) {
            Path fifo = tmp.resolve("d.out");
            Posix.mkfifo(fifo);
            int fd = Posix.openNonBlocking(fifo);
            RotatingLogFile file = new RotatingLogFile(logs.resolve("d.log"), 0, 1, false, null, diskLog);
            AtomicLong unwritten = new AtomicLong();
            reader.add(
                    fd,
                    new LogPump(
                            "d",
                            0,
                            "out",
                            file,
                            null,
                            new AtomicLong(),
                            unwritten,
                            null,
                            false,
                            new RecordingPublisher(),
                            null));
            String pad = "y".repeat(200);
            int n = 0;
            try (FileOutputStream w = new FileOutputStream(fifo.toFile())) {
                for (; n < 2_000; n++) w.write(("line " + n + " " + pad + "\n").getBytes(StandardCharsets.US_ASCII));
                Await.until("the full disk to be reported", () -> diskLog.warnings().stream()
                        .anyMatch(m -> m.contains("cannot write")));
                disk.resize(4096);
                for (; n < 2_100; n++) w.write(("line " + n + " " + pad + "\n").getBytes(StandardCharsets.US_ASCII));
                int last = n - 1;
                Await.until(
                        "writing to resume", () -> read(logs.resolve("d.log")).contains("line " + last + " "));
            }
            Await.until("end of stream", () -> reader.streams() == 0);
            List<String> lines = Files.readAllLines(logs.resolve("d.log"));
            long missing = n - lines.size();
            assertTrue(missing > 0, "the disk never refused a line");
            List<String> warnings = diskLog.warnings();
            String report = warnings.stream()
                    .filter(m -> m.contains("lost"))
                    .findFirst()
                    .orElse("no report of lost lines in " + warnings);
            assertTrue(report.contains(missing + " lines"), () -> missing + " lines missing, but: " + report);
            assertEquals(missing, unwritten.get(), "the worker's count of unwritten lines, for describe and metrics");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
