package io.jpm.tui.top;

import io.jpm.themes.Attribute;
import io.jpm.themes.Role;
import java.util.concurrent.TimeUnit;

/**
 * The top and bottom rows: the title with counts, sort, filter, theme and the connection; and the status line with
 * the last command's result (or error), the text being typed, or key hints.
 */
final class StatusLine {
    private static final long SHOW_NS = TimeUnit.SECONDS.toNanos(8);
    private static final String HINTS = "r restart  R reload  s stop/start  d delete  +/- scale  / filter  "
            + "f log filter  o sort  t theme  ? help  q quit";

    private StatusLine() {}

    static void title(Painter p, TopState s) {
        long online =
                s.workers.stream().filter(w -> w.status().equals("online")).count();
        StringBuilder b = new StringBuilder(" jpm-top  ");
        b.append(s.workers.size()).append(" workers, ").append(online).append(" online");
        b.append("  sort ").append(p.ascii && s.sort == SortKey.RESTARTS ? "restarts" : s.sort.label());
        if (!s.hostFilter.isEmpty()) b.append("  host ").append(s.hostFilter);
        if (!s.processFilter.isEmpty())
            b.append("  filter \"").append(s.processFilter).append('"');
        b.append("  theme ").append(s.theme().name());
        String conn = (s.connected ? (p.ascii ? "* " : "● ") : (p.ascii ? "o " : "○ ")) + s.connection + " ";
        int left = Math.max(0, p.width - conn.length());
        p.text(0, 0, left, b.toString(), p.colors.theme().style(Role.HEADER).withAttribute(Attribute.REVERSE));
        p.text(
                left,
                0,
                p.width - left,
                conn,
                s.connected
                        ? p.colors.theme().style(Role.STATUS_ONLINE).withAttribute(Attribute.REVERSE)
                        : p.colors.theme().style(Role.STATUS_ERRORED).withAttribute(Attribute.REVERSE));
    }

    static void bottom(Painter p, TopState s, int row, long nowNanos) {
        if (s.overlay == TopState.Overlay.INPUT) {
            String prompt =
                    s.inputKind == TopState.InputKind.PROCESS_FILTER ? "filter workers: " : "log filter (regex): ";
            int col = p.text(0, row, prompt.length(), prompt, Role.HEADER);
            p.text(
                    col,
                    row,
                    p.width - col,
                    s.inputText + (p.ascii ? "_" : "█") + "   Enter applies, Esc cancels",
                    Role.TEXT);
            return;
        }
        boolean fresh = !s.status.isEmpty() && nowNanos - s.statusAtNanos < SHOW_NS;
        if (fresh) {
            p.text(0, row, p.width, " " + s.status, s.statusError ? Role.STATUS_ERRORED : Role.STATUS_ONLINE);
        } else {
            p.text(0, row, p.width, " " + HINTS, Role.MUTED);
        }
    }
}
