package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.tui.render.Units;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** The human form of {@code jpm describe}. */
final class DescribeView {
    private DescribeView() {}

    static void print(Jpm jpm, JsonNode workers) {
        var out = jpm.out();
        for (JsonNode w : workers) {
            out.println("── " + w.path("name").asText() + " (id " + w.path("id").asInt() + ", instance "
                    + w.path("instance").asInt() + ") ──");
            row(out, "status", w.path("status").asText()
                    + (w.path("reason").isNull() ? "" : " (" + w.path("reason").asText() + ")"));
            row(out, "pid", w.path("pid").isNull() ? "-" : w.path("pid").asText());
            row(out, "uptime", w.path("pid").isNull() ? "-" : Units.duration(w.path("uptimeMs").asLong()));
            row(out, "restarts", w.path("restarts").asText());
            row(out, "last exit", w.path("lastExit").isNull() ? "-" : w.path("lastExit").asText());
            row(out, "out log", w.path("logs").path("out").asText());
            row(out, "error log", w.path("logs").path("err").asText());
            out.println("config:");
            fields(out, w.path("config"));
            out.println("env (values of keys like TOKEN, SECRET, PASSWORD, KEY masked; --show-env shows them):");
            fields(out, w.path("env"));
            out.println("restart history:");
            if (w.path("restartHistory").isEmpty()) out.println("  (none)");
            for (JsonNode h : w.path("restartHistory")) {
                out.println("  " + Instant.ofEpochMilli(h.path("at").asLong()) + "  " + h.path("exit").asText() + "  "
                        + h.path("outcome").asText());
            }
        }
    }

    private static void row(java.io.PrintWriter out, String k, String v) {
        out.printf("  %-12s %s%n", k, v);
    }

    private static void fields(java.io.PrintWriter out, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            row(out, e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
    }
}
