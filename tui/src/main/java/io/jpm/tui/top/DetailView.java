package io.jpm.tui.top;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.themes.Role;
import io.jpm.tui.render.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The Enter view: a worker's {@code describe}, with its restart history, in a scrollable box. */
final class DetailView {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private DetailView() {}

    /** The lines of a {@code describe} result (an array with one worker, or a worker). */
    static List<String> lines(JsonNode result) {
        List<String> out = new ArrayList<>();
        JsonNode list = result.isArray()
                ? result
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .arrayNode()
                        .add(result);
        for (JsonNode w : list) {
            out.add(w.path("name").asText() + " (id " + w.path("id").asInt() + ", instance "
                    + w.path("instance").asInt() + ", " + w.path("mode").asText("fork") + ")");
            row(
                    out,
                    "status",
                    w.path("status").asText()
                            + (w.path("reason").isTextual()
                                    ? " (" + w.path("reason").asText() + ")"
                                    : ""));
            boolean running = w.path("pid").isNumber();
            row(out, "pid", running ? w.path("pid").asText() : "-");
            row(out, "uptime", running ? Units.duration(w.path("uptimeMs").asLong()) : "-");
            row(
                    out,
                    "restarts",
                    w.path("restarts").asText() + " (unstable "
                            + w.path("unstableRestarts").asInt() + ")");
            row(
                    out,
                    "last exit",
                    w.path("lastExit").isNull() || w.path("lastExit").isMissingNode()
                            ? "-"
                            : w.path("lastExit").asText());
            row(out, "out log", w.path("logs").path("out").asText("-"));
            row(out, "error log", w.path("logs").path("err").asText("-"));
            out.add("");
            out.add("restart history:");
            if (w.path("restartHistory").isEmpty()) out.add("  (none)");
            for (JsonNode h : w.path("restartHistory")) {
                out.add("  " + TIME.format(Instant.ofEpochMilli(h.path("at").asLong())) + "  "
                        + h.path("exit").asText() + "  " + h.path("outcome").asText());
            }
            out.add("");
            out.add("config:");
            w.path("config")
                    .fields()
                    .forEachRemaining(e -> row(
                            out,
                            e.getKey(),
                            e.getValue().isTextual()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
            out.add("");
        }
        return List.copyOf(out);
    }

    private static void row(List<String> out, String key, String value) {
        out.add(String.format("  %-14s %s", key, value));
    }

    static void draw(Painter p, TopState s) {
        int w = Math.max(10, p.width - 4);
        int h = Math.max(5, p.height - 2);
        int col = (p.width - w) / 2;
        int row = (p.height - h) / 2;
        p.box(col, row, w, h, s.detailTitle);
        int body = h - 3;
        s.detailScroll = Math.max(0, Math.min(s.detailScroll, Math.max(0, s.detailLines.size() - body)));
        for (int i = 0; i < body; i++) {
            int index = s.detailScroll + i;
            String line = index < s.detailLines.size() ? s.detailLines.get(index) : "";
            p.text(col + 2, row + 1 + i, w - 4, line, i == 0 && index == 0 ? Role.HEADER : Role.TEXT);
        }
        p.text(col + 2, row + h - 2, w - 4, "↑↓ scroll   any other key closes", Role.MUTED);
    }
}
