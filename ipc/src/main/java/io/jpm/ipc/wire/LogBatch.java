package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The body of one {@code log.<app>.<stream>} message: consecutive lines of one worker's stream. The daemon writes
 * this shape straight from the bytes on its hot path (engine LogBatchJson); this record is its reader and the
 * reference writer its tests compare against.
 */
public record LogBatch(String app, int id, String stream, List<Line> lines) implements WireValue, Published {

    /**
     * One line.
     *
     * @param seq the line's number in its stream, from 1
     * @param ts epoch ms when the daemon read it
     * @param stamp the timestamp as the file shows it, or null with {@code time: false}
     * @param continued the line goes on in the next one (it was longer than the limit)
     */
    public record Line(long seq, long ts, String stamp, String text, boolean continued) {
        /** The line as the log file shows it. */
        public String fileLine() {
            return stamp == null ? text : stamp + ": " + text;
        }
    }

    public LogBatch {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(stream, "stream");
        lines = List.copyOf(lines);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("app", app);
        g.writeNumberField("id", id);
        g.writeStringField("stream", stream);
        g.writeArrayFieldStart("lines");
        for (Line l : lines) {
            g.writeStartObject();
            g.writeNumberField("seq", l.seq());
            g.writeNumberField("ts", l.ts());
            g.writeStringField("stamp", l.stamp());
            g.writeStringField("text", l.text());
            g.writeBooleanField("continued", l.continued());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static LogBatch read(JsonParser p) throws IOException {
        String[] s = {null, null};
        int[] id = {0};
        List<Line>[] lines = new List[] {List.of()};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "app" -> s[0] = Wire.text(q);
                case "id" -> id[0] = q.getValueAsInt();
                case "stream" -> s[1] = Wire.text(q);
                case "lines" -> lines[0] = Wire.list(q, LogBatch::line);
                default -> Wire.skip(q);
            }
        });
        if (s[0] == null || s[1] == null) throw new IOException("a log batch needs app and stream");
        return new LogBatch(s[0], id[0], s[1], lines[0]);
    }

    private static Line line(JsonParser p) throws IOException {
        long[] n = {0, 0};
        String[] s = {null, ""};
        boolean[] continued = {false};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "seq" -> n[0] = q.getValueAsLong();
                case "ts" -> n[1] = q.getValueAsLong();
                case "stamp" -> s[0] = Wire.text(q);
                case "text" -> s[1] = Wire.text(q);
                case "continued" -> continued[0] = q.getValueAsBoolean();
                default -> Wire.skip(q);
            }
        });
        return new Line(n[0], n[1], s[0], s[1] == null ? "" : s[1], continued[0]);
    }
}
