package io.jpm.engine.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Cuts a worker's output stream, fed in arbitrary chunks, into lines of at most {@link #MAX_LINE} bytes.
 *
 * <p>Lines end at {@code \n}; a {@code \r} just before it is dropped too, even when the two arrive in different
 * chunks. A lone {@code \r} elsewhere is kept. Bytes stay bytes: nothing is decoded, so invalid UTF-8 and NUL bytes
 * pass through untouched ({@link #decode} turns a line into text when text is needed).
 *
 * <p>A line longer than {@code MAX_LINE} is emitted in pieces; every piece but the last has {@code continued =
 * true}. A cut never falls inside a UTF-8 sequence, so pieces of valid text stay valid. The splitter holds at most
 * {@code MAX_LINE} bytes however long the line.
 *
 * <p>Not thread-safe: one splitter per stream, fed by one thread. The slice handed to the {@link Sink} is only valid
 * during the call (it may be the caller's chunk or the splitter's buffer); a sink that keeps it must copy it.
 */
public final class LineSplitter {

    public static final int MAX_LINE = 64 * 1024;

    /** Receives lines; {@code continued} is true when the line goes on in the next piece. */
    @FunctionalInterface
    public interface Sink {
        void line(byte[] bytes, int offset, int length, boolean continued) throws IOException;
    }

    private final Sink sink;
    private final int maxLine;
    /**
     * The start of the current, unfinished line. It grows on demand up to {@code maxLine}: most workers never write
     * a line that spans two reads, and 200 workers with two streams each would otherwise hold 25 MiB of empty buffers.
     */
    private byte[] buffer = new byte[0];

    private int buffered;
    private boolean pendingCr; // the last chunk ended with \r: dropped if the next byte is \n, else kept

    public LineSplitter(Sink sink) {
        this(sink, MAX_LINE);
    }

    /** For tests: a smaller limit makes the cutting cheap to exercise. */
    LineSplitter(Sink sink, int maxLine) {
        this.sink = Objects.requireNonNull(sink, "sink");
        if (maxLine < 4) throw new IllegalArgumentException("maxLine < 4: " + maxLine);
        this.maxLine = maxLine;
    }

    public void feed(byte[] chunk) throws IOException {
        feed(chunk, 0, chunk.length);
    }

    public void feed(byte[] chunk, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        if (length == 0) return;
        int end = offset + length;
        int start = offset;
        if (pendingCr) {
            pendingCr = false;
            if (chunk[start] == '\n') {
                emitBuffered();
                start++;
            } else {
                append(new byte[] {'\r'}, 0, 1);
            }
        }
        for (int i = start; i < end; i++) {
            if (chunk[i] != '\n') continue;
            int lineEnd = i > start && chunk[i - 1] == '\r' ? i - 1 : i;
            if (buffered == 0 && lineEnd - start <= maxLine) {
                sink.line(chunk, start, lineEnd - start, false); // the common case: no copy
            } else {
                append(chunk, start, lineEnd - start);
                emitBuffered();
            }
            start = i + 1;
        }
        if (start < end && chunk[end - 1] == '\r') {
            pendingCr = true;
            end--;
        }
        append(chunk, start, end - start);
    }

    /** Feeds the buffer's remaining bytes and leaves it at its limit. */
    public void feed(ByteBuffer chunk) throws IOException {
        if (chunk.hasArray()) {
            feed(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            chunk.position(chunk.limit());
            return;
        }
        byte[] copy = new byte[Math.min(chunk.remaining(), 8192)];
        while (chunk.hasRemaining()) {
            int n = Math.min(copy.length, chunk.remaining());
            chunk.get(copy, 0, n);
            feed(copy, 0, n);
        }
    }

    /** At end of stream: emits the unfinished last line, if any. */
    public void flush() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            append(new byte[] {'\r'}, 0, 1);
        }
        if (buffered > 0) emitBuffered();
    }

    /** The size of the buffer held for unfinished lines: it grows only when a line spans two chunks. */
    int capacity() {
        return buffer.length;
    }

    /** Bytes held for the unfinished line (at most {@code MAX_LINE}). */
    public int buffered() {
        return buffered + (pendingCr ? 1 : 0);
    }

    /** Decodes a line as UTF-8, replacing invalid sequences with U+FFFD; never throws. */
    public static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    private void emitBuffered() throws IOException {
        int n = buffered;
        buffered = 0;
        sink.line(buffer, 0, n, false);
    }

    private void append(byte[] src, int offset, int length) throws IOException {
        while (length > 0) {
            if (buffered == maxLine) cutPiece(); // only once more bytes come: a line of exactly maxLine is not cut
            int n = Math.min(length, maxLine - buffered);
            if (buffered + n > buffer.length) grow(buffered + n);
            System.arraycopy(src, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    private void grow(int needed) {
        int size = Math.max(needed, Math.min(maxLine, Math.max(256, buffer.length * 2)));
        buffer = java.util.Arrays.copyOf(buffer, size);
    }

    /** Emits a full buffer as a continued piece, keeping back an unfinished UTF-8 sequence at its end. */
    private void cutPiece() throws IOException {
        int cut = utf8Boundary(buffer, buffered);
        sink.line(buffer, 0, cut, true);
        System.arraycopy(buffer, cut, buffer, 0, buffered - cut);
        buffered -= cut;
    }

    /** The largest cut ≤ length that does not split a UTF-8 sequence (length itself when the tail is not UTF-8). */
    static int utf8Boundary(byte[] b, int length) {
        return utf8Boundary(b, 0, length);
    }

    /** The same for the {@code length} bytes at {@code offset}. */
    static int utf8Boundary(byte[] b, int offset, int length) {
        for (int k = 1; k <= 3 && k <= length; k++) {
            int c = b[offset + length - k] & 0xFF;
            if ((c & 0xC0) == 0x80) continue; // a continuation byte: look further back for the lead byte
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > k ? length - k : length;
        }
        return length;
    }
}
