package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.tui.render.Sparkline;
import io.jpm.tui.render.Units;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/** The human form of {@code jpm describe}. */
final class DescribeView {
    private DescribeView() {}

    static void print(Jpm jpm, JsonNode workers) {
        var out = jpm.out();
        int width = Terminal.of(jpm).width();
        for (JsonNode w : workers) {
            out.println("── " + w.path("name").asText() + " (id " + w.path("id").asInt() + ", instance "
                    + w.path("instance").asInt() + ") ──");
            row(
                    out,
                    "status",
                    w.path("status").asText()
                            + (w.path("reason").isNull()
                                    ? ""
                                    : " (" + w.path("reason").asText() + ")"));
            row(out, "pid", w.path("pid").isNull() ? "-" : w.path("pid").asText());
            if (w.has("notifyStatus"))
                row(out, "notify status", w.path("notifyStatus").path("text").asText());
            row(
                    out,
                    "uptime",
                    w.path("pid").isNull()
                            ? "-"
                            : Units.duration(w.path("uptimeMs").asLong()));
            row(out, "restarts", w.path("restarts").asText());
            row(
                    out,
                    "last exit",
                    w.path("lastExit").isNull() ? "-" : w.path("lastExit").asText());
            row(
                    out,
                    "cpu",
                    w.path("pid").isNull() ? "-" : Units.percent(w.path("cpu").asDouble()));
            row(
                    out,
                    "memory",
                    w.path("pid").isNull() ? "-" : Units.bytes(w.path("memory").asLong()));
            row(out, "out log", w.path("logs").path("out").asText());
            row(out, "error log", w.path("logs").path("err").asText());
            out.println("config:");
            fields(out, w.path("config"));
            out.println("env (values of keys like TOKEN, SECRET, PASSWORD, KEY masked; --show-env shows them):");
            fields(out, w.path("env"));
            out.println("restart history:");
            if (w.path("restartHistory").isEmpty()) out.println("  (none)");
            for (JsonNode h : w.path("restartHistory")) {
                out.println("  " + Instant.ofEpochMilli(h.path("at").asLong()) + "  "
                        + h.path("exit").asText() + "  " + h.path("outcome").asText());
            }
            if (w.has("metrics")) usage(out, w.path("metrics"), width);
        }
    }

    /** The worker's CPU and memory history as two sparklines, newest sample at the right. */
    static void usage(java.io.PrintWriter out, JsonNode metrics, int width) {
        double[] cpu = numbers(metrics.path("history").path("cpu"));
        double[] mem = numbers(metrics.path("history").path("memory"));
        long intervalMs = Math.max(1, metrics.path("intervalMs").asLong(1000));
        int cells = Math.max(10, Math.min(120, width - 40));
        int shown = Math.min(cells, cpu.length);
        String every = intervalMs < 1000 ? intervalMs + "ms" : Units.duration(intervalMs);
        out.println("usage (" + metrics.path("scope").asText("process") + ", one sample every " + every + ", last "
                + Units.duration(shown * intervalMs) + "):");
        if (cpu.length == 0) {
            out.println("  (no samples yet)");
            return;
        }
        Sparkline line = Sparkline.of(Sparkline.Glyphs.BLOCK);
        double[] recentCpu = tail(cpu, cells);
        out.printf(
                "  %-6s %s  now %s, max %s%n",
                "cpu",
                line.withMax(Math.max(100, max(recentCpu))).render(recentCpu, cells),
                Units.percent(cpu[cpu.length - 1]),
                Units.percent(max(recentCpu)));
        out.printf(
                "  %-6s %s  now %s, max %s%n",
                "memory",
                line.render(tail(mem, cells), cells),
                Units.bytes((long) mem[mem.length - 1]),
                Units.bytes((long) max(tail(mem, cells))));
    }

    private static double[] numbers(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) d[i] = array.get(i).asDouble();
        return d;
    }

    private static double[] tail(double[] d, int n) {
        return java.util.Arrays.copyOfRange(d, Math.max(0, d.length - n), d.length);
    }

    private static double max(double[] d) {
        double m = 0;
        for (double v : d) m = Math.max(m, v);
        return m;
    }

    private static void row(java.io.PrintWriter out, String k, String v) {
        out.printf("  %-12s %s%n", k, v);
    }

    private static void fields(java.io.PrintWriter out, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            row(
                    out,
                    e.getKey(),
                    e.getValue().isTextual()
                            ? e.getValue().asText()
                            : e.getValue().toString());
        }
    }
}
