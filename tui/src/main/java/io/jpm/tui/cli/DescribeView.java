package io.jpm.tui.cli;

import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.render.Humanize;
import io.jpm.tui.render.Sparkline;
import java.time.Instant;
import java.util.List;

/** The human form of {@code jpm describe}. */
final class DescribeView {
    private DescribeView() {}

    static void print(Jpm jpm, List<WorkerDetail> workers) {
        var out = jpm.out();
        int width = Terminal.of(jpm).width();
        for (WorkerDetail d : workers) {
            WorkerView w = d.view();
            boolean running = w.running();
            out.println("── " + w.name() + " (id " + w.id() + ", instance " + w.instance() + ") ──");
            row(out, "status", w.status().wire() + (w.reason() == null ? "" : " (" + w.reason() + ")"));
            row(out, "pid", running ? Long.toString(w.pid()) : "-");
            if (d.notifyStatus() != null)
                row(out, "notify status", d.notifyStatus().text());
            row(out, "uptime", running ? Humanize.duration(w.uptimeMs()) : "-");
            row(out, "restarts", Integer.toString(w.restarts()));
            if (w.health() != null) row(out, "health", w.health());
            row(out, "watching", w.watching() ? "yes" : "no");
            if (d.nextCronRestart() != null)
                row(
                        out,
                        "next cron restart",
                        Instant.ofEpochMilli(d.nextCronRestart()).toString());
            row(out, "last exit", w.lastExit() == null ? "-" : w.lastExit());
            if (w.listen() != null) row(out, "listen", w.listen().summary());
            row(out, "cpu", running ? Humanize.percent(w.cpu()) : "-");
            row(out, "memory", running ? Humanize.bytes(w.memory()) : "-");
            row(out, "out log", d.logs().out());
            row(out, "error log", d.logs().err());
            if (d.logs().combined() != null) row(out, "log file", d.logs().combined());
            if (d.logs().pidFile() != null) row(out, "pid file", d.logs().pidFile());
            if (d.logs().unwrittenLines() > 0) {
                row(out, "unwritten lines", d.logs().unwrittenLines() + " (the log disk was full)");
            }
            out.println("config:");
            d.config().text().forEach((k, v) -> row(out, k, v));
            out.println("env (values of keys like TOKEN, SECRET, PASSWORD, KEY masked; --show-env shows them):");
            d.env().forEach((k, v) -> row(out, k, v));
            out.println("restart history:");
            if (d.restartHistory().isEmpty()) out.println("  (none)");
            for (WorkerDetail.ExitRecord h : d.restartHistory()) {
                out.println("  " + Instant.ofEpochMilli(h.at()) + "  " + h.exit() + "  " + h.outcome());
            }
            probes(out, d.probes());
            if (d.metrics() != null) usage(out, d.metrics(), width);
        }
    }

    /** Each probe's state and its latest results, with times. */
    private static void probes(java.io.PrintWriter out, List<WorkerDetail.Probe> probes) {
        if (probes.isEmpty()) return;
        out.println("probes:");
        for (WorkerDetail.Probe p : probes) {
            out.println("  " + p.probe() + ": " + p.state() + " (" + p.target() + ")"
                    + (p.failures() > 0 ? ", " + p.failures() + " failures in a row" : ""));
            check(out, "last", p.last());
            check(out, "last failure", p.lastFailure());
        }
    }

    private static void check(java.io.PrintWriter out, String label, WorkerDetail.Check c) {
        if (c == null) return;
        out.println("    " + label + ": " + Instant.ofEpochMilli(c.at()) + "  " + (c.ok() ? "ok" : "failed") + "  "
                + c.output() + " (" + c.tookMs() + " ms)");
    }

    /** The worker's CPU and memory history as two sparklines, newest sample at the right. */
    static void usage(java.io.PrintWriter out, WorkerDetail.Usage metrics, int width) {
        double[] cpu = metrics.history().cpu();
        long[] memory = metrics.history().memory();
        double[] mem = new double[memory.length];
        for (int i = 0; i < mem.length; i++) mem[i] = memory[i];
        long intervalMs = Math.max(1, metrics.intervalMs());
        int cells = Math.max(10, Math.min(120, width - 40));
        int shown = Math.min(cells, cpu.length);
        String every = intervalMs < 1000 ? intervalMs + "ms" : Humanize.duration(intervalMs);
        out.println("usage (" + (metrics.scope() == null ? "process" : metrics.scope()) + ", one sample every " + every
                + ", last " + Humanize.duration(shown * intervalMs) + "):");
        if (cpu.length == 0 || mem.length == 0) {
            out.println("  (no samples yet)");
            return;
        }
        Sparkline line = Sparkline.of(Sparkline.Glyphs.BLOCK);
        double[] recentCpu = tail(cpu, cells);
        out.printf(
                "  %-6s %s  now %s, max %s%n",
                "cpu",
                line.withMax(Math.max(100, max(recentCpu))).render(recentCpu, cells),
                Humanize.percent(cpu[cpu.length - 1]),
                Humanize.percent(max(recentCpu)));
        out.printf(
                "  %-6s %s  now %s, max %s%n",
                "memory",
                line.render(tail(mem, cells), cells),
                Humanize.bytes((long) mem[mem.length - 1]),
                Humanize.bytes((long) max(tail(mem, cells))));
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
        out.println("  " + Humanize.padRight(k, 12) + " " + v);
    }
}
