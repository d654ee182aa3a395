package io.jpm.engine.logs;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns lines from a {@link LineSplitter} into log records: {@code <timestamp>: <line>\n}, written whole to a
 * {@link RotatingLogFile}.
 *
 * <p>The {@code ": "} after the timestamp is what PM2 writes, so tools that read PM2 logs keep working. A piece of a
 * cut line (see {@link LineSplitter}) ends with {@link #CONTINUED_MARKER}; the next record carries the rest of the
 * line under its own timestamp. Not thread-safe: one writer per splitter, like the splitter itself.
 *
 * <p>With {@link JsonLines} (PM2's {@code log_type: "json"}) a record is instead one JSON object a line, as PM2
 * writes it: {@code {"message":…,"timestamp":…,"type":"out","process_id":0,"app_name":"api"}}.
 */
public final class LogLineWriter implements LineSplitter.Sink {

    /** Ends every piece of a long line except its last. */
    public static final String CONTINUED_MARKER = " [continued]";

    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] MARKER = CONTINUED_MARKER.getBytes(StandardCharsets.UTF_8);

    /** Who writes the lines of a {@code log_type: "json"} file: PM2's {@code type}, process_id and app_name. */
    public record JsonLines(String app, int workerId, String stream) {
        byte[] tail() {
            return (",\"type\":" + quoted(stream) + ",\"process_id\":" + workerId + ",\"app_name\":" + quoted(app)
                            + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final byte[] MESSAGE = "{\"message\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIMESTAMP = ",\"timestamp\":\"".getBytes(StandardCharsets.UTF_8);

    private final RotatingLogFile file;
    /** The end of each JSON record (type, process_id, app_name), or null for plain lines. */
    private final byte[] jsonTail;

    private final TimestampFormat timestamps;
    private final LongSupplier clockMillis;
    /** One record being assembled; grown on demand (up to one MAX_LINE line and its prefix), never shrunk. */
    private byte[] record = new byte[512];

    /**
     * @param timestamps the prefix format; null writes bare lines ({@code time: false})
     * @param clockMillis the wall clock read once per line, e.g. {@code System::currentTimeMillis}
     */
    public LogLineWriter(RotatingLogFile file, TimestampFormat timestamps, LongSupplier clockMillis) {
        this(file, timestamps, clockMillis, null);
    }

    /**
     * @param json who writes, for JSON records; null for plain lines. JSON records always carry a timestamp: the
     *     given format, else ISO-8601 in UTC as PM2's {@code toISOString()}
     */
    public LogLineWriter(RotatingLogFile file, TimestampFormat timestamps, LongSupplier clockMillis, JsonLines json) {
        this.file = Objects.requireNonNull(file, "file");
        this.timestamps =
                json != null && timestamps == null ? new TimestampFormat(ISO_UTC, ZoneOffset.UTC) : timestamps;
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.jsonTail = json == null ? null : json.tail();
    }

    /** PM2's {@code new Date().toISOString()}. */
    static final String ISO_UTC = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

    private static String quoted(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsUTF8(s), StandardCharsets.UTF_8)
                .transform(q -> "\"" + q + "\"");
    }

    @Override
    public void line(byte[] bytes, int offset, int length, boolean continued) throws IOException {
        if (jsonTail != null) {
            jsonLine(bytes, offset, length, continued);
            return;
        }
        if (length > LineSplitter.MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + LineSplitter.MAX_LINE + ": " + length);
        }
        int size = TimestampFormat.MAX_BYTES + SEPARATOR.length + length + MARKER.length + 1;
        if (size > record.length) record = java.util.Arrays.copyOf(record, Math.max(size, record.length * 2));
        int n = 0;
        if (timestamps != null) {
            n = timestamps.format(clockMillis.getAsLong(), record, 0);
            record[n++] = SEPARATOR[0];
            record[n++] = SEPARATOR[1];
        }
        System.arraycopy(bytes, offset, record, n, length);
        n += length;
        if (continued) {
            System.arraycopy(MARKER, 0, record, n, MARKER.length);
            n += MARKER.length;
        }
        record[n++] = '\n';
        file.append(record, 0, n);
    }

    private void jsonLine(byte[] bytes, int offset, int length, boolean continued) throws IOException {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8) + (continued ? CONTINUED_MARKER : "");
        byte[] message = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        byte[] stamp = new byte[TimestampFormat.MAX_BYTES];
        int stampLength = timestamps.format(clockMillis.getAsLong(), stamp, 0);
        byte[] quotedStamp =
                JsonStringEncoder.getInstance().quoteAsUTF8(new String(stamp, 0, stampLength, StandardCharsets.UTF_8));
        int size = MESSAGE.length + message.length + 2 + TIMESTAMP.length + quotedStamp.length + 1 + jsonTail.length;
        if (size > record.length) record = java.util.Arrays.copyOf(record, Math.max(size, record.length * 2));
        int n = put(MESSAGE, 0);
        record[n++] = '"';
        n = put(message, n);
        record[n++] = '"';
        n = put(TIMESTAMP, n);
        n = put(quotedStamp, n);
        record[n++] = '"';
        n = put(jsonTail, n);
        file.append(record, 0, n);
    }

    private int put(byte[] b, int at) {
        System.arraycopy(b, 0, record, at, b.length);
        return at + b.length;
    }
}
