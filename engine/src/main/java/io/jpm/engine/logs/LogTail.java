package io.jpm.engine.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the last lines of a log file by scanning backwards from its end, for {@code jpm logs --lines n}.
 *
 * <p>Only the tail is read: blocks are scanned backwards until n line starts are found. Memory stays bounded
 * however long the lines are, because each returned line keeps at most its first {@link #MAX_LINE_BYTES} bytes
 * (then {@code …}). A final line without a newline counts as a line; {@code \r\n} endings are accepted.
 */
public final class LogTail {

    /** The longest line returned whole; longer ones are cut, and end with an ellipsis. */
    public static final int MAX_LINE_BYTES = 64 * 1024 + 1024;

    private static final int BLOCK = 8192;

    private LogTail() {}

    /** The last {@code n} lines of {@code file}, oldest first, decoded as UTF-8 with invalid bytes replaced. */
    public static List<String> lastLines(Path file, int n) throws IOException {
        if (n < 0) throw new IllegalArgumentException("n < 0: " + n);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            if (n == 0 || end == 0) return List.of();
            if (byteAt(ch, end - 1) == '\n') end--; // the file's last newline ends the last line, starts none
            List<long[]> lines = new ArrayList<>(); // [start, end) of each line, newest first
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            long lineEnd = end;
            long pos = end;
            scan:
            while (pos > 0) {
                int len = (int) Math.min(BLOCK, pos);
                pos -= len;
                block.clear().limit(len);
                readFully(ch, block, pos);
                for (int i = block.limit() - 1; i >= 0; i--) {
                    if (block.get(i) != '\n') continue;
                    long start = pos + i + 1;
                    lines.add(new long[] {start, lineEnd});
                    lineEnd = pos + i;
                    if (lines.size() == n) break scan;
                }
            }
            if (lines.size() < n) lines.add(new long[] {0, lineEnd});
            Collections.reverse(lines);
            List<String> out = new ArrayList<>(lines.size());
            for (long[] line : lines) out.add(read(ch, line[0], line[1]));
            return List.copyOf(out);
        }
    }

    private static String read(FileChannel ch, long start, long end) throws IOException {
        boolean cut = end - start > MAX_LINE_BYTES;
        int len = (int) Math.min(end - start, MAX_LINE_BYTES);
        ByteBuffer b = ByteBuffer.allocate(len);
        readFully(ch, b, start);
        int n = b.limit();
        if (!cut && n > 0 && b.get(n - 1) == '\r') n--;
        String s = new String(b.array(), 0, n, StandardCharsets.UTF_8);
        return cut ? s + "…" : s;
    }

    private static byte byteAt(FileChannel ch, long position) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        readFully(ch, b, position);
        return b.hasRemaining() ? b.get(0) : 0;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
            int r = ch.read(b, position + b.position());
            if (r < 0) break; // the file shrank under us (truncated): return what there is
        }
        b.flip();
    }
}
