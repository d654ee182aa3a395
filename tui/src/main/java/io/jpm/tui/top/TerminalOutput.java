package io.jpm.tui.top;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The console's output: Lanterna writes each escape sequence on its own and flushes once per frame, so writes are
 * buffered into one. A cursor position request ({@code ESC [ 6 n}) is the exception: Lanterna waits for the
 * terminal's answer without flushing (that is how it learns the terminal's size), so it goes out at once.
 */
final class TerminalOutput extends BufferedOutputStream {
    private static final byte[] POSITION_REQUEST = {'[', '6', 'n'};

    TerminalOutput(OutputStream out, int size) {
        super(out, size);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        super.write(b, off, len);
        if (endsWithPositionRequest(b, off, len)) flush();
    }

    private static boolean endsWithPositionRequest(byte[] b, int off, int len) {
        if (len < POSITION_REQUEST.length) return false;
        int start = off + len - POSITION_REQUEST.length;
        for (int i = 0; i < POSITION_REQUEST.length; i++) {
            if (b[start + i] != POSITION_REQUEST[i]) return false;
        }
        return true;
    }
}
