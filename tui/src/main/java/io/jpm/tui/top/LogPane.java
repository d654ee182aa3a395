package io.jpm.tui.top;

import io.jpm.themes.Attribute;
import io.jpm.themes.Role;
import io.jpm.themes.Style;
import java.util.List;

/**
 * The log pane: all apps' lines interleaved in arrival order, each behind its app's colored {@code app:id} prefix,
 * stderr lines marked with {@code !} and drawn in the {@code log.err} role. Lines are cut, never wrapped.
 */
final class LogPane {
    private static final int PREFIX_MAX = 18;

    private LogPane() {}

    static void draw(Painter p, TopState s, int row, int rows) {
        if (rows <= 0) return;
        header(p, s, row);
        int body = rows - 1;
        s.logPaneRows = body;
        List<LogLine> lines = s.logs.window(s.logPredicate(), body, s.logScroll, s.logsHidden());
        int prefix = 4;
        for (LogLine l : lines)
            prefix = Math.max(prefix, Math.min(PREFIX_MAX, prefixOf(l).length()));
        for (int i = 0; i < body; i++) {
            int r = row + 1 + i;
            if (i >= lines.size()) {
                p.text(0, r, p.width, i == 0 && lines.isEmpty() ? emptyText(s) : "", Role.MUTED);
                continue;
            }
            LogLine l = lines.get(i);
            int col = p.text(0, r, prefix + 1, prefixOf(l), p.colors.theme().appStyle(l.app()));
            col = p.text(
                    col,
                    r,
                    2,
                    l.err() ? "! " : "│ ".replace("│", p.ascii ? "|" : "│"),
                    l.err() ? Role.LOG_ERR : Role.BORDER);
            p.text(col, r, p.width - col, l.text(), l.err() ? Role.LOG_ERR : Role.LOG_OUT);
        }
    }

    static String prefixOf(LogLine l) {
        return l.host().isEmpty() ? l.app() + ":" + l.id() : l.host() + "/" + l.app() + ":" + l.id();
    }

    private static String emptyText(TopState s) {
        if (s.logFilter != null) return " no line matches /" + s.logFilter.pattern() + "/";
        return s.logs.size() == 0 ? " waiting for log lines…" : " no lines for this app yet";
    }

    private static void header(Painter p, TopState s, int row) {
        WorkerRow sel = s.selected();
        StringBuilder b = new StringBuilder(p.rule()).append(" logs: ");
        b.append(s.appOnly && sel != null ? sel.name() + " only" : "all apps");
        if (!s.hostFilter.isEmpty()) b.append(" on ").append(s.hostFilter);
        if (s.logFilter != null)
            b.append(" ")
                    .append(p.rule())
                    .append(" filter /")
                    .append(s.logFilter.pattern())
                    .append('/');
        b.append(" ").append(p.rule()).append(' ');
        if (s.paused) b.append("PAUSED (p resumes)");
        else if (s.logScroll > 0) b.append("scrolled back ").append(s.logScroll).append(" (End follows)");
        else b.append("following");
        int hidden = s.logsHidden();
        if (hidden > 0) b.append(", ").append(hidden).append(" new");
        b.append(' ');
        String text = b + p.rule().repeat(Math.max(0, p.width - b.length()));
        Style style = p.colors.theme().style(s.focus == TopState.Pane.LOGS ? Role.HEADER : Role.BORDER);
        p.text(0, row, p.width, text, s.focus == TopState.Pane.LOGS ? style.withAttribute(Attribute.UNDERLINE) : style);
    }
}
