package io.jpm.tui.top;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last lines of every log file (a {@code logs} reply) as one list, interleaved by the timestamp that starts each
 * file line, which is dropped from the text. Lines without one keep their file's order, after those with one.
 */
final class LogTail {
    private static final Pattern STAMP =
            Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?): ");

    private LogTail() {}

    static List<LogLine> lines(JsonNode reply) {
        record Stamped(String stamp, int order, LogLine line) {}
        List<Stamped> all = new ArrayList<>();
        for (JsonNode f : reply.path("files")) {
            String app = f.path("app").asText("?");
            int id = f.path("id").asInt();
            boolean err = "err".equals(f.path("stream").asText());
            for (JsonNode l : f.path("lines")) {
                String text = l.isTextual() ? l.asText() : l.path("text").asText();
                Matcher m = STAMP.matcher(text);
                String stamp = m.find() ? m.group(1) : "~";
                if (!stamp.equals("~")) text = text.substring(m.end());
                all.add(new Stamped(stamp, all.size(), new LogLine(app, id, err, text)));
            }
        }
        all.sort(Comparator.comparing(Stamped::stamp).thenComparingInt(Stamped::order));
        return all.stream().map(Stamped::line).toList();
    }
}
