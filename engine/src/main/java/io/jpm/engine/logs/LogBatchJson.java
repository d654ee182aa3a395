package io.jpm.engine.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes the lines of one chunk of a worker's output as the JSON body of a {@code log.<app>.<stream>} message,
 * straight from the bytes, without a String or an object per line: {@code {"app", "id", "stream", "lines": [{"seq",
 * "ts", "stamp", "text", "continued"}]}}.
 *
 * <p>Text is copied byte for byte when it is printable ASCII (the common case), escaped as JSON requires otherwise.
 * A line with any byte above 0x7F is decoded as UTF-8 first (invalid sequences become U+FFFD), so the output is
 * always valid UTF-8 JSON, as a JSON library would write it. A line longer than the text limit is cut at a UTF-8
 * boundary and marked continued.
 *
 * <p>Not thread-safe, and reused: {@link #take} returns a copy and starts the next message.
 */
public final class LogBatchJson {
    private static final byte[] SEQ = bytes("{\"seq\":");
    private static final byte[] TS = bytes(",\"ts\":");
    private static final byte[] STAMP = bytes(",\"stamp\":");
    private static final byte[] TEXT = bytes(",\"text\":");
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final byte[] header;
    private final int textLimit;
    private byte[] buf = new byte[8192];
    private int n;
    private int lines;

    public LogBatchJson(String app, int workerId, String stream, int textLimit) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(stream, "stream");
        if (textLimit < 4) throw new IllegalArgumentException("textLimit < 4: " + textLimit);
        this.textLimit = textLimit;
        LogBatchJson h = new LogBatchJson(textLimit);
        h.ascii("{\"app\":");
        h.string(app.getBytes(StandardCharsets.UTF_8), 0, app.getBytes(StandardCharsets.UTF_8).length);
        h.ascii(",\"id\":" + workerId + ",\"stream\":");
        h.string(stream.getBytes(StandardCharsets.UTF_8), 0, stream.length());
        h.ascii(",\"lines\":[");
        this.header = Arrays.copyOf(h.buf, h.n);
    }

    private LogBatchJson(int textLimit) {
        this.header = new byte[0];
        this.textLimit = textLimit;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes of the message so far. */
    public int size() {
        return lines == 0 ? 0 : n;
    }

    /**
     * The lines in a message that {@link #take} returned: each starts with {@code {"seq":}, which a line's text
     * cannot hold unescaped.
     */
    public static int countLines(byte[] message) {
        int count = 0;
        outer:
        for (int i = 0; i + SEQ.length <= message.length; i++) {
            for (int j = 0; j < SEQ.length; j++) if (message[i + j] != SEQ[j]) continue outer;
            count++;
            i += SEQ.length - 1;
        }
        return count;
    }

    /**
     * A message that {@link #take} returned, cut to its last {@code keep} lines (the same array when it has no more):
     * its header, then the lines from the {@code keep}-th last one on, byte for byte.
     */
    public static byte[] lastLines(byte[] message, int keep) {
        if (keep < 1) throw new IllegalArgumentException("keep < 1: " + keep);
        int total = countLines(message);
        if (total <= keep) return message;
        int first = -1;
        int from = -1;
        int seen = 0;
        outer:
        for (int i = 0; i + SEQ.length <= message.length; i++) {
            for (int j = 0; j < SEQ.length; j++) if (message[i + j] != SEQ[j]) continue outer;
            if (first < 0) first = i;
            if (seen++ == total - keep) {
                from = i;
                break;
            }
            i += SEQ.length - 1;
        }
        byte[] cut = new byte[first + message.length - from];
        System.arraycopy(message, 0, cut, 0, first);
        System.arraycopy(message, from, cut, first, message.length - from);
        return cut;
    }

    /** Lines added since the last {@link #take}. */
    public int lines() {
        return lines;
    }

    /**
     * Adds one line.
     *
     * @param stamp the timestamp as the file shows it, or null
     */
    public void add(
            long seq, long ts, byte[] stamp, int stampLength, byte[] text, int offset, int length, boolean continued) {
        if (lines == 0) {
            n = 0;
            append(header, 0, header.length);
        } else {
            put((byte) ',');
        }
        lines++;
        append(SEQ, 0, SEQ.length);
        number(seq);
        append(TS, 0, TS.length);
        number(ts);
        append(STAMP, 0, STAMP.length);
        if (stamp == null) ascii("null");
        else string(stamp, 0, stampLength);
        append(TEXT, 0, TEXT.length);
        int shown = length;
        if (length > textLimit) {
            shown = LineSplitter.utf8Boundary(text, offset, textLimit);
            continued = true;
        }
        string(text, offset, shown);
        ascii(continued ? ",\"continued\":true}" : ",\"continued\":false}");
    }

    /** The message so far, and a fresh start; null when no line was added. */
    public byte[] take() {
        if (lines == 0) return null;
        put((byte) ']');
        put((byte) '}');
        lines = 0;
        return Arrays.copyOf(buf, n);
    }

    private void string(byte[] b, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (b[i] < 0) { // not ASCII: decode, so that invalid UTF-8 becomes U+FFFD as in any JSON library
                byte[] valid = new String(b, offset, length, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                escaped(valid, 0, valid.length);
                return;
            }
        }
        escaped(b, offset, length);
    }

    /** Writes a JSON string of bytes that are ASCII or valid UTF-8. */
    private void escaped(byte[] b, int offset, int length) {
        ensure(length * 6 + 2);
        byte[] out = buf;
        int p = n;
        out[p++] = '"';
        for (int i = offset, end = offset + length; i < end; i++) {
            byte c = b[i];
            if (c >= 0x20 && c != '"' && c != '\\' || c < 0) {
                out[p++] = c;
            } else if (c == '"' || c == '\\') {
                out[p++] = '\\';
                out[p++] = c;
            } else {
                out[p++] = '\\';
                out[p++] = 'u';
                out[p++] = '0';
                out[p++] = '0';
                out[p++] = HEX[c >> 4];
                out[p++] = HEX[c & 0xF];
            }
        }
        out[p++] = '"';
        n = p;
    }

    /** Writes a decimal number in place (no String: this runs twice per line). */
    private void number(long v) {
        if (v < 0) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) digits++;
        for (int i = n + digits - 1; i >= n; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
    }

    private void ascii(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) buf[n + i] = (byte) s.charAt(i);
        n += len;
    }

    private void append(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, n, length);
        n += length;
    }

    private void put(byte b) {
        ensure(1);
        buf[n++] = b;
    }

    private void ensure(int more) {
        if (n + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }
}
