package io.jpm.engine.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns lines from a {@link LineSplitter} into log records: {@code <timestamp>: <line>\n}, written whole to a
 * {@link RotatingLogFile}.
 *
 * <p>The {@code ": "} after the timestamp is what PM2 writes, so tools that read PM2 logs keep working. A piece of a
 * cut line (see {@link LineSplitter}) ends with {@link #CONTINUED_MARKER}; the next record carries the rest of the
 * line under its own timestamp. Not thread-safe: one writer per splitter, like the splitter itself.
 */
public final class LogLineWriter implements LineSplitter.Sink {

    /** Ends every piece of a long line except its last. */
    public static final String CONTINUED_MARKER = " [continued]";

    private static final byte[] SEPARATOR = {':', ' '};
    private static final byte[] MARKER = CONTINUED_MARKER.getBytes(StandardCharsets.UTF_8);

    private final RotatingLogFile file;
    private final TimestampFormat timestamps;
    private final LongSupplier clockMillis;
    /** One record being assembled; grown on demand (up to one MAX_LINE line and its prefix), never shrunk. */
    private byte[] record = new byte[512];

    /**
     * @param timestamps the prefix format; null writes bare lines ({@code time: false})
     * @param clockMillis the wall clock read once per line, e.g. {@code System::currentTimeMillis}
     */
    public LogLineWriter(RotatingLogFile file, TimestampFormat timestamps, LongSupplier clockMillis) {
        this.file = Objects.requireNonNull(file, "file");
        this.timestamps = timestamps;
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    @Override
    public void line(byte[] bytes, int offset, int length, boolean continued) throws IOException {
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
}
