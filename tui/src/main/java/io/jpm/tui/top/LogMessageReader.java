package io.jpm.tui.top;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jpm.ipc.Json;
import java.io.IOException;
import java.util.List;

/**
 * Reads a {@code log.<app>.<stream>} message straight into log lines with Jackson's streaming parser, without
 * building a tree: under a flood of thousands of lines a second this is most of what the console's events thread
 * does.
 */
final class LogMessageReader {
    private LogMessageReader() {}

    /** Adds the message's lines to {@code into}; a message that is not the expected JSON adds nothing. */
    static void read(byte[] body, List<LogLine> into) {
        String app = "?";
        int id = 0;
        boolean err = false;
        List<String> texts = new java.util.ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "app" -> app = p.getValueAsString("?");
                    case "id" -> id = p.getValueAsInt();
                    case "stream" -> err = "err".equals(p.getValueAsString());
                    case "lines" -> {
                        if (value != JsonToken.START_ARRAY) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) texts.add(text(p));
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String t : texts) into.add(new LogLine(app, id, err, t));
    }

    /** The {@code text} of one line object; leaves the parser after its end. */
    private static String text(JsonParser p) throws IOException {
        String text = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("text")) text = p.getValueAsString("");
            else p.skipChildren();
        }
        return text;
    }
}
