package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code logs} command's result: the last lines of each log file, and for each worker stream ({@code "<id>.out"})
 * the number of the last line the files hold, so that a client drops exactly the streamed lines the tail shows.
 */
public record LogsTail(List<File> files, Map<String, Long> seqs) implements WireValue {

    /** The last lines of one file, as the file shows them. */
    public record File(String app, int id, String stream, String path, List<String> lines) {
        public File {
            lines = List.copyOf(lines);
        }
    }

    public LogsTail {
        files = List.copyOf(files);
        seqs = Collections.unmodifiableMap(new LinkedHashMap<>(seqs));
    }

    /** The key of a worker stream in {@link #seqs}. */
    public static String seqKey(int workerId, String stream) {
        return workerId + "." + stream;
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("files");
        for (File f : files) {
            g.writeStartObject();
            g.writeStringField("app", f.app());
            g.writeNumberField("id", f.id());
            g.writeStringField("stream", f.stream());
            g.writeStringField("path", f.path());
            Wire.strings(g, "lines", f.lines());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("seqs");
        for (Map.Entry<String, Long> e : seqs.entrySet()) g.writeNumberField(e.getKey(), e.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    public static LogsTail read(JsonParser p) throws IOException {
        List<File>[] files = new List[] {List.of()};
        Map<String, Long> seqs = new LinkedHashMap<>();
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "files" -> files[0] = Wire.list(q, LogsTail::file);
                case "seqs" -> seqs.putAll(Wire.map(q, JsonParser::getValueAsLong));
                default -> Wire.skip(q);
            }
        });
        return new LogsTail(files[0], seqs);
    }

    private static File file(JsonParser p) throws IOException {
        String[] s = {"", "", ""};
        int[] id = {0};
        List<String>[] lines = new List[] {List.of()};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "app" -> s[0] = Wire.text(q);
                case "id" -> id[0] = q.getValueAsInt();
                case "stream" -> s[1] = Wire.text(q);
                case "path" -> s[2] = Wire.text(q);
                case "lines" -> lines[0] = Wire.list(q, Wire::text);
                default -> Wire.skip(q);
            }
        });
        return new File(s[0], id[0], s[1], s[2], lines[0]);
    }
}
