package io.jpm.tui.top;

import io.jpm.themes.Role;
import io.jpm.tui.render.Humanize;
import io.jpm.tui.render.Sparkline;

/** CPU and memory over time for the host, the selected worker and (with room) its app, one line each. */
final class SparkPane {
    private static final int LABEL = 16;

    private SparkPane() {}

    static void draw(Painter p, TopState s, int row, int rows) {
        if (rows <= 0) return;
        WorkerRow w = s.selected();
        String host = w != null ? w.host() : s.hostFilter;
        SparkHistory h = s.history(host);
        String total = h.memTotal() > 0 ? "/" + Humanize.bytes(h.memTotal()) : "";
        line(p, s, row, host.isEmpty() ? "host" : host, h.host(), 100, total);
        if (rows >= 2) {
            if (w == null) p.text(0, row + 1, p.width, "", Role.TEXT);
            else line(p, s, row + 1, w.name() + " id " + w.id(), h.worker(w.id()), 100, "");
        }
        if (rows >= 3) {
            if (w == null) p.text(0, row + 2, p.width, "", Role.TEXT);
            else line(p, s, row + 2, "app " + w.name(), h.app(w.name()), 0, "");
        }
    }

    /** {@code label cpu ⣀⣤⣶ 12.5%  mem ⣀⣤⣶ 1.2gb}; cpuMax 0 scales the CPU graph to its largest sample. */
    private static void line(
            Painter p, TopState s, int row, String label, SparkHistory.Pair pair, double cpuMax, String memSuffix) {
        int label1 = Math.min(LABEL, Math.max(6, p.width / 6));
        int cpuValue = 7;
        int memValue = 8 + memSuffix.length();
        int graphs = p.width - label1 - 4 - cpuValue - 2 - 4 - memValue;
        int cpuGraph = Math.max(0, graphs / 2);
        int memGraph = Math.max(0, graphs - cpuGraph);
        Sparkline cpu = cpuMax > 0 ? Sparkline.of(p.glyphs()).withMax(cpuMax) : Sparkline.of(p.glyphs());
        Sparkline mem = Sparkline.of(p.glyphs());
        double lastCpu = pair.cpu().last();
        double lastMem = pair.mem().last();
        int col = p.text(
                0,
                row,
                label1,
                label,
                label.equals("host")
                        ? p.colors.theme().style(Role.HEADER)
                        : p.colors
                                .theme()
                                .appStyle(label.startsWith("app ") ? label.substring(4) : label.split(" ")[0]));
        col = p.text(col, row, 4, "cpu ", Role.MUTED);
        col = p.text(col, row, cpuGraph, cpu.render(pair.cpu().toArray(), cpuGraph), Role.SPARKLINE_CPU);
        col = p.text(
                col,
                row,
                cpuValue,
                p.right(Double.isNaN(lastCpu) ? "-" : Humanize.percent(lastCpu), cpuValue - 1),
                Role.TEXT);
        col = p.text(col, row, 2, "", Role.TEXT);
        col = p.text(col, row, 4, "mem ", Role.MUTED);
        col = p.text(col, row, memGraph, mem.render(pair.mem().toArray(), memGraph), Role.SPARKLINE_MEM);
        p.text(
                col,
                row,
                p.width - col,
                p.right(Double.isNaN(lastMem) ? "-" : Humanize.bytes((long) lastMem) + memSuffix, memValue - 1),
                Role.TEXT);
    }
}
