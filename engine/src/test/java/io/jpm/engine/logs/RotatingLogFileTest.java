package io.jpm.engine.logs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    private static final Pattern STAMPED =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00: line (\\d+)");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_790_000_000_000L);

    /** Pushes numbered lines through splitter, writer and file in random chunk sizes, as a pipe would. */
    private void flood(RotatingLogFile file, int lines) throws IOException {
        LineSplitter splitter =
                new LineSplitter(new LogLineWriter(file, TimestampFormat.iso(ZoneOffset.UTC), clock::incrementAndGet));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) text.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
        byte[] bytes = text.toString().getBytes(UTF_8);
        Random random = new Random(1);
        for (int off = 0; off < bytes.length; ) {
            int n = Math.min(bytes.length - off, 1 + random.nextInt(20_000));
            splitter.feed(bytes, off, n);
            file.flush();
            off += n;
        }
        splitter.flush();
        file.flush();
    }

    /** All lines of the rotated files, oldest first, then the live file's. */
    private static List<String> readAll(Path live, int keep, boolean gz) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int k = keep + 1; k >= 1; k--) {
            Path rotated = RotatingLogFile.rotatedPath(live, k, gz);
            if (!Files.exists(rotated)) continue;
            String content = gz ? gunzip(rotated) : Files.readString(rotated, UTF_8);
            assertTrue(content.endsWith("\n"), "a record was split at the end of " + rotated);
            lines.addAll(content.lines().toList());
        }
        lines.addAll(Files.readAllLines(live, UTF_8));
        return lines;
    }

    private static String gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static void assertNumberedInOrder(List<String> lines, int from, int to) {
        assertEquals(to - from, lines.size(), "line count");
        for (int i = from; i < to; i++) {
            Matcher m = STAMPED.matcher(lines.get(i - from));
            assertTrue(m.matches(), "not a stamped line: " + lines.get(i - from));
            assertEquals(i, Integer.parseInt(m.group(1)), "line at position " + (i - from));
        }
    }

    @Test
    void floodAcrossManyRotationsKeepsEveryLineOnceAndInOrder() throws IOException {
        Path live = dir.resolve("app-out.log");
        int n = 200_000;
        try (RotatingLogFile file = new RotatingLogFile(live, 64 * 1024, 400, false, null, new RecordingDaemonLog())) {
            flood(file, n);
            assertTrue(file.rotations() > 100, "rotations: " + file.rotations());
            for (int k = 1; k <= file.rotations(); k++) {
                long size = Files.size(RotatingLogFile.rotatedPath(live, k, false));
                assertTrue(size <= 64 * 1024 && size > 60 * 1024, "size of ." + k + ": " + size);
            }
        }
        assertNumberedInOrder(readAll(live, 400, false), 0, n);
    }

    @Test
    void onlyKeepRotatedFilesRemainAndTheyAreTheNewest() throws IOException {
        Path live = dir.resolve("app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 4096, 3, false, null, new RecordingDaemonLog())) {
            flood(file, 5_000);
        }
        assertFalse(Files.exists(RotatingLogFile.rotatedPath(live, 4, false)));
        List<String> lines = readAll(live, 3, false);
        Matcher m = STAMPED.matcher(lines.get(0));
        assertTrue(m.matches());
        int first = Integer.parseInt(m.group(1));
        assertTrue(first > 4000, "oldest kept line: " + first);
        assertNumberedInOrder(lines, first, 5_000);
    }

    @Test
    void gzipInTheCallingThread() throws IOException {
        Path live = dir.resolve("app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 32 * 1024, 100, true, null, new RecordingDaemonLog())) {
            flood(file, 30_000);
        }
        assertTrue(Files.exists(RotatingLogFile.rotatedPath(live, 1, true)));
        assertFalse(Files.exists(RotatingLogFile.rotatedPath(live, 1, false)));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(
                    p -> p.toString().contains(".rotating-") || p.toString().endsWith(".tmp")));
        }
        assertNumberedInOrder(readAll(live, 100, true), 0, 30_000);
    }

    @Test
    void gzipOnAPoolKeepsTheOrder() throws Exception {
        Path live = dir.resolve("app-out.log");
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(3, r -> new Thread(r, "test-gzip-" + threads.incrementAndGet()));
        try (RotatingLogFile file = new RotatingLogFile(live, 16 * 1024, 200, true, pool, new RecordingDaemonLog())) {
            flood(file, 30_000);
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertNumberedInOrder(readAll(live, 200, true), 0, 30_000);
    }

    @Test
    void aParkedFileLeftByACrashIsCompressedOnOpen() throws IOException {
        Path live = dir.resolve("app-out.log");
        Files.writeString(live.resolveSibling("app-out.log.rotating-7"), "old\n");
        Files.writeString(RotatingLogFile.rotatedPath(live, 1, true), "not really gzip, just shifted");
        try (RotatingLogFile file = new RotatingLogFile(live, 4096, 5, true, null, new RecordingDaemonLog())) {
            assertEquals(0, file.size());
        }
        assertEquals("old\n", gunzip(RotatingLogFile.rotatedPath(live, 1, true)));
        assertEquals("not really gzip, just shifted", Files.readString(RotatingLogFile.rotatedPath(live, 2, true)));
        assertFalse(Files.exists(live.resolveSibling("app-out.log.rotating-7")));
    }

    @Test
    void aRecordLargerThanMaxBytesGoesWholeIntoAFreshFile() throws IOException {
        Path live = dir.resolve("big.log");
        byte[] big = ("B".repeat(100_000) + "\n").getBytes(UTF_8);
        try (RotatingLogFile file = new RotatingLogFile(live, 1024, 5, false, null, new RecordingDaemonLog())) {
            file.append("small\n".getBytes(UTF_8), 0, 6);
            file.append(big, 0, big.length);
            file.append("after\n".getBytes(UTF_8), 0, 6);
        }
        assertEquals("small\n", Files.readString(RotatingLogFile.rotatedPath(live, 2, false)));
        assertEquals(100_001, Files.size(RotatingLogFile.rotatedPath(live, 1, false)));
        assertEquals("after\n", Files.readString(live));
    }

    @Test
    void reopenAfterAnExternalRenameWritesToTheNewFile() throws IOException {
        Path live = dir.resolve("app-out.log");
        Path moved = dir.resolve("app-out.log-20261124");
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            file.append("before\n".getBytes(UTF_8), 0, 7);
            file.flush();
            Files.move(live, moved); // logrotate's rename; we still hold the old file
            file.append("in between\n".getBytes(UTF_8), 0, 11);
            file.reopen();
            file.append("after\n".getBytes(UTF_8), 0, 6);
            assertEquals(6, file.size());
        }
        assertEquals("before\nin between\n", Files.readString(moved));
        assertEquals("after\n", Files.readString(live));
    }

    @Test
    void truncateEmptiesTheLiveFileAndDropsTheBuffer() throws IOException {
        Path live = dir.resolve("app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 0, 1, false, null, new RecordingDaemonLog())) {
            file.append("one\n".getBytes(UTF_8), 0, 4);
            file.flush();
            file.append("two\n".getBytes(UTF_8), 0, 4);
            file.truncate();
            assertEquals(0, file.size());
            assertEquals(0, Files.size(live));
            file.append("three\n".getBytes(UTF_8), 0, 6);
        }
        assertEquals("three\n", Files.readString(live));
    }

    @Test
    void appendsToAnExistingFileAndCountsItsSize() throws IOException {
        Path live = Files.writeString(dir.resolve("app-out.log"), "x".repeat(1000) + "\n");
        try (RotatingLogFile file = new RotatingLogFile(live, 1024, 2, false, null, new RecordingDaemonLog())) {
            assertEquals(1001, file.size());
            file.append("0123456789012345678901234\n".getBytes(UTF_8), 0, 26);
            assertEquals(1, file.rotations(), "1001 + 26 > 1024");
        }
        assertEquals(1001, Files.size(RotatingLogFile.rotatedPath(live, 1, false)));
    }

    @Test
    void createsFilesPrivateAndParentFoldersPrivate() throws IOException {
        Path live = dir.resolve("logs/deeper/app-out.log");
        try (RotatingLogFile file = new RotatingLogFile(live, 1024, 2, true, null, new RecordingDaemonLog())) {
            byte[] line = ("y".repeat(600) + "\n").getBytes(UTF_8);
            file.append(line, 0, line.length);
            file.append(line, 0, line.length);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(live)));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(RotatingLogFile.rotatedPath(live, 1, true))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(live.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("logs"))));
    }

    @Test
    void somethingOtherThanARegularFileIsNeverRotated() throws IOException {
        Path devNull = Files.createSymbolicLink(dir.resolve("null.log"), Path.of("/dev/null"));
        try (RotatingLogFile file = new RotatingLogFile(devNull, 1024, 2, false, null, new RecordingDaemonLog())) {
            byte[] line = ("z".repeat(100) + "\n").getBytes(UTF_8);
            for (int i = 0; i < 1000; i++) file.append(line, 0, line.length);
            file.flush();
            file.truncate();
            assertEquals(0, file.rotations());
        }
        assertTrue(Files.isSymbolicLink(devNull));
        assertFalse(
                Files.exists(RotatingLogFile.rotatedPath(devNull, 1, false), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void failsFastOnBadSettingsAndUseAfterClose() throws IOException {
        Path live = dir.resolve("a.log");
        assertEquals(
                "keep < 1: 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new RotatingLogFile(live, 1024, 0, false, null, new RecordingDaemonLog()))
                        .getMessage());
        RotatingLogFile file = new RotatingLogFile(live, 1024, 1, false, null, new RecordingDaemonLog());
        file.close();
        file.close();
        assertThrows(IOException.class, () -> file.append(new byte[] {'\n'}, 0, 1));
    }

    @Test
    void aFullDiskTearsNoRecordAndWritesNoneTwiceOnceSpaceComesBack() throws Exception {
        Path mount = dir.resolve("small");
        try (Tmpfs disk = Tmpfs.mount(mount, 64)) {
            RotatingLogFile file =
                    new RotatingLogFile(mount.resolve("app-out.log"), 0, 1, false, null, new RecordingDaemonLog());
            byte[] pad = "x".repeat(900).getBytes(UTF_8);
            List<Integer> refused = new ArrayList<>();
            int n = 0;
            for (; refused.size() < 20; n++) {
                byte[] record = ("line " + n + " " + new String(pad, UTF_8) + "\n").getBytes(UTF_8);
                try {
                    file.append(record, 0, record.length);
                    file.flush();
                } catch (IOException e) {
                    refused.add(n);
                }
            }
            disk.resize(1024);
            file.flush();
            for (int k = 0; k < 10; k++, n++) {
                byte[] record = ("line " + n + " " + new String(pad, UTF_8) + "\n").getBytes(UTF_8);
                file.append(record, 0, record.length);
            }
            file.close();

            List<String> lines = Files.readAllLines(mount.resolve("app-out.log"));
            List<Integer> seen = new ArrayList<>();
            for (String line : lines) {
                assertTrue(line.matches("line \\d+ x{900}"), () -> "a torn record: " + line.substring(0, 40));
                int number = Integer.parseInt(line.split(" ")[1]);
                assertFalse(seen.contains(number), "line " + number + " written twice");
                seen.add(number);
            }
            assertTrue(seen.contains(n - 1), "writing did not resume: " + seen.getLast());
        }
    }
}
