package io.jpm.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.process.Posix;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation of daemon.log under a real descriptor (a spare fd number stands in for stdout). */
class DaemonLogFileTest {
    private static final int FD = 213;

    @TempDir
    Path tmp;

    @AfterEach
    void releaseFd() throws IOException {
        Posix.redirect(Path.of("/dev/null"), FD);
    }

    @Test
    void aLargeFileIsShiftedAndTheDescriptorPointsAtAFreshOne() throws Exception {
        Path log = tmp.resolve("daemon.log");
        DaemonLogFile f = new DaemonLogFile(log, 100, 2, FD);
        f.reopen();
        assertEquals(log.toRealPath(), Posix.fileOf(FD).orElseThrow());
        writeThroughFd("a".repeat(60));
        assertFalse(f.rotateIfLarge(), "60 bytes stay under the limit");
        writeThroughFd("b".repeat(60));
        Object before = inode(log);
        assertTrue(f.rotateIfLarge());
        assertEquals("a".repeat(60) + "b".repeat(60), Files.readString(log.resolveSibling("daemon.log.1")));
        assertEquals(0, Files.size(log));
        assertNotEquals(before, inode(log), "a new file, not the old one emptied");
        assertEquals(log.toRealPath(), Posix.fileOf(FD).orElseThrow());

        writeThroughFd("c".repeat(120));
        assertTrue(f.rotateIfLarge());
        writeThroughFd("d".repeat(120));
        assertTrue(f.rotateIfLarge());
        assertTrue(Files.readString(log.resolveSibling("daemon.log.1")).startsWith("d"));
        assertTrue(Files.readString(log.resolveSibling("daemon.log.2")).startsWith("c"));
        assertFalse(Files.exists(log.resolveSibling("daemon.log.3")), "keep = 2");
    }

    @Test
    void aFileMovedAwayIsRecreatedAtItsPath() throws Exception {
        Path log = tmp.resolve("daemon.log");
        DaemonLogFile f = new DaemonLogFile(log, 1000, 2, FD);
        f.reopen();
        writeThroughFd("old\n");
        Files.move(log, tmp.resolve("moved.log"));
        f.reopen();
        writeThroughFd("new\n");
        assertEquals("new\n", Files.readString(log));
        assertEquals("old\n", Files.readString(tmp.resolve("moved.log")));
    }

    /** Appends through the descriptor itself (its /proc link opens the file the descriptor refers to). */
    private static void writeThroughFd(String s) throws IOException {
        try (FileOutputStream out = new FileOutputStream("/proc/self/fd/" + FD, true)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Object inode(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }
}
