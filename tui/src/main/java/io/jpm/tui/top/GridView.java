package io.jpm.tui.top;

import io.jpm.themes.Role;
import io.jpm.themes.Style;
import io.jpm.tui.render.Humanize;
import io.jpm.tui.render.Sparkline;
import java.util.List;

/**
 * The worker grid: id, name, mode, pid, status, restarts, uptime, cpu, mem and a CPU sparkline per row. When the
 * terminal is narrow, mode goes first, then pid, uptime and the sparkline, so a row never wraps.
 */
final class GridView {
    private static final int FIXED = 4 + 10 + 4 + 7 + 8; // id, status, ↺, cpu, mem
    private static final int OPTIONAL = 8; // mode, pid, uptime
    private static final int NAME_MIN = 9;
    private static final int SPARK_MIN = 9;

    /** Which columns fit and how wide the flexible ones are. */
    record Columns(boolean mode, boolean pid, boolean uptime, int name, int spark) {
        static Columns fit(int width, List<WorkerRow> rows) {
            int longest = 4;
            for (WorkerRow w : rows) longest = Math.max(longest, w.name().length());
            boolean[] on = {true, true, true, true}; // spark, uptime, pid, mode: dropped from the end first
            int[] cost = {SPARK_MIN, OPTIONAL, OPTIONAL, OPTIONAL};
            int need = FIXED + NAME_MIN + SPARK_MIN + 3 * OPTIONAL;
            for (int drop = 3; drop >= 0 && need > width; drop--) {
                on[drop] = false;
                need -= cost[drop];
            }
            int extra = Math.max(0, width - need);
            int name = NAME_MIN + Math.min(extra, Math.max(0, Math.min(25, longest + 1) - NAME_MIN));
            extra -= name - NAME_MIN;
            int spark = 0;
            if (on[0]) {
                spark = SPARK_MIN + Math.min(extra, 60);
                extra -= spark - SPARK_MIN;
            }
            if (!on[0]) name += extra; // without a sparkline the name takes the room; else the row ends early
            return new Columns(on[3], on[2], on[1], name, spark);
        }
    }

    private GridView() {}

    static void draw(Painter p, TopState s, int row, int rows) {
        if (rows <= 0) return;
        int host = hostWidth(s);
        Columns c = Columns.fit(p.width - host, s.rows);
        header(p, c, s, row);
        int body = rows - 1;
        int sel = s.selectedIndex();
        if (sel >= 0) {
            if (sel < s.gridTop) s.gridTop = sel;
            if (sel >= s.gridTop + body) s.gridTop = sel - body + 1;
        }
        s.gridTop = Math.max(0, Math.min(s.gridTop, Math.max(0, s.rows.size() - body)));
        Sparkline spark = Sparkline.of(p.glyphs()).withMax(100);
        for (int i = 0; i < body; i++) {
            int index = s.gridTop + i;
            if (index >= s.rows.size()) {
                String empty = s.workers.isEmpty()
                        ? " no workers; start some with: jpm start <script>"
                        : " no worker matches the filter";
                p.text(0, row + 1 + i, p.width, index == 0 ? empty : "", Role.MUTED);
                continue;
            }
            WorkerRow w = s.rows.get(index);
            boolean selected = index == sel;
            line(p, c, s, w, selected, row + 1 + i, spark, host);
        }
    }

    /** The host column's width: the longest host name and a space, or none for the local daemon alone. */
    static int hostWidth(TopState s) {
        if (!s.fleet()) return 0;
        int longest = 4;
        for (String h : s.hosts) longest = Math.max(longest, h.length());
        return Math.min(longest, 12) + 1;
    }

    private static void header(Painter p, Columns c, TopState s, int row) {
        StringBuilder b = new StringBuilder();
        int host = hostWidth(s);
        if (host > 0) b.append(p.fit("host", host));
        b.append(p.right("id", 3)).append(' ').append(p.fit(sortMark(p, s, SortKey.NAME, "name"), c.name()));
        if (c.mode()) b.append(p.fit("mode", OPTIONAL));
        if (c.pid()) b.append(p.right("pid", OPTIONAL - 1)).append(' ');
        b.append(p.fit(sortMark(p, s, SortKey.STATUS, "status"), 10));
        b.append(p.right(sortMark(p, s, SortKey.RESTARTS, p.ascii ? "rst" : "↺"), 3))
                .append(' ');
        if (c.uptime())
            b.append(p.right(sortMark(p, s, SortKey.UPTIME, "uptime"), OPTIONAL - 1))
                    .append(' ');
        b.append(p.right(sortMark(p, s, SortKey.CPU, "cpu"), 6)).append(' ');
        b.append(p.right(sortMark(p, s, SortKey.MEM, "mem"), 7)).append(' ');
        if (c.spark() > 0) b.append(p.fit("cpu history", c.spark()));
        Style style = p.colors.theme().style(Role.HEADER);
        p.text(
                0,
                row,
                p.width,
                b.toString(),
                s.focus == TopState.Pane.GRID ? style.withAttribute(io.jpm.themes.Attribute.UNDERLINE) : style);
    }

    private static String sortMark(Painter p, TopState s, SortKey key, String label) {
        return s.sort == key
                ? label
                        + (key == SortKey.NAME || key == SortKey.STATUS || key == SortKey.UPTIME
                                ? (p.ascii ? "^" : "▲")
                                : (p.ascii ? "v" : "▼"))
                : label;
    }

    private static void line(
            Painter p, Columns c, TopState s, WorkerRow w, boolean selected, int row, Sparkline spark, int host) {
        Style sel = p.colors.theme().style(Role.SELECTION);
        boolean down = host > 0 && !s.hostsUp.contains(w.host());
        int col = 0;
        if (host > 0)
            col = p.text(0, row, host, w.host(), pick(p, selected, sel, down ? Role.STATUS_ERRORED : Role.MUTED));
        col = p.text(col, row, 4, p.right(Integer.toString(w.id()), 3) + " ", pick(p, selected, sel, Role.MUTED));
        col = p.text(
                col, row, c.name(), w.name(), selected ? sel : p.colors.theme().appStyle(w.name()));
        if (c.mode()) col = p.text(col, row, OPTIONAL, w.mode(), pick(p, selected, sel, Role.MUTED));
        if (c.pid())
            col = p.text(
                    col,
                    row,
                    OPTIONAL,
                    p.right(w.running() ? Long.toString(w.pid()) : "-", OPTIONAL - 1) + " ",
                    pick(p, selected, sel, Role.TEXT));
        col = p.text(
                col,
                row,
                10,
                down
                        ? "host-down"
                        : shortStatus(w.status())
                                + (w.unhealthy() ? (p.ascii ? " !" : " ✗") : "")
                                + (w.watching() ? (p.ascii ? " w" : " ◉") : ""),
                pick(p, selected, sel, down || w.unhealthy() ? Role.STATUS_ERRORED : statusRole(w.status())));
        col = p.text(
                col,
                row,
                4,
                p.right(Integer.toString(w.restarts()), 3) + " ",
                pick(p, selected, sel, w.restarts() > 0 ? Role.STATUS_WAITING_RESTART : Role.TEXT));
        if (c.uptime())
            col = p.text(
                    col,
                    row,
                    OPTIONAL,
                    p.right(w.running() ? Humanize.duration(w.uptimeMs()) : "-", OPTIONAL - 1) + " ",
                    pick(p, selected, sel, Role.TEXT));
        col = p.text(
                col,
                row,
                7,
                p.right(w.running() ? Humanize.percent(w.cpu()) : "-", 6) + " ",
                pick(p, selected, sel, Role.TEXT));
        col = p.text(
                col,
                row,
                8,
                p.right(w.running() ? Humanize.bytes(w.memory()) : "-", 7) + " ",
                pick(p, selected, sel, Role.TEXT));
        if (c.spark() > 0) {
            String line = spark.render(s.history(w.host()).worker(w.id()).cpu().toArray(), c.spark() - 1);
            col = p.text(col, row, c.spark(), line, pick(p, selected, sel, Role.SPARKLINE_CPU));
        }
        if (col < p.width) p.text(col, row, p.width - col, "", pick(p, selected, sel, Role.TEXT));
    }

    private static Style pick(Painter p, boolean selected, Style sel, Role role) {
        return selected ? sel : p.colors.theme().style(role);
    }

    static String shortStatus(String status) {
        return status.equals("waiting-restart") ? "waiting" : status;
    }

    static Role statusRole(String status) {
        try {
            return Role.forStatus(status);
        } catch (IllegalArgumentException e) {
            return Role.TEXT;
        }
    }
}
