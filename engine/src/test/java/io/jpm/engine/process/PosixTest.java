package io.jpm.engine.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posix's errors say what went wrong in words, as the C library says it, not only a number. */
class PosixTest {
    @TempDir
    Path tmp;

    @Test
    void anErrnoIsSaidInWordsWithItsNumber() {
        assertEquals("Too many open files (errno 24)", Posix.errorText(24));
        assertEquals("No such file or directory (errno 2)", Posix.errorText(2));
    }

    @Test
    void aFileThatCannotBeOpenedIsNamedWithTheReason() {
        Path missing = tmp.resolve("no-such-dir/fifo");
        IOException e = assertThrows(IOException.class, () -> Posix.openNonBlocking(missing));
        assertEquals("cannot open " + missing + ": No such file or directory (errno 2)", e.getMessage());
    }
}
