package io.jpm.tui.top;

import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.themes.Role;
import io.jpm.tui.render.Humanize;
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

    /** The lines of a {@code describe} result. */
    static List<String> lines(Results.Details result) {
        List<String> out = new ArrayList<>();
        for (WorkerDetail d : result.workers()) {
            WorkerView w = d.view();
            out.add(w.name() + " (id " + w.id() + ", instance " + w.instance() + ", " + w.mode() + ")");
            row(out, "status", w.status().wire() + (w.reason() != null ? " (" + w.reason() + ")" : ""));
            row(out, "pid", w.running() ? Long.toString(w.pid()) : "-");
            if (d.notifyStatus() != null)
                row(out, "notify status", d.notifyStatus().text());
            if (w.health() != null) row(out, "health", w.health());
            for (WorkerDetail.Probe pr : d.probes()) {
                row(out, pr.probe(), pr.state() + " (" + pr.target() + ")");
                if (pr.lastFailure() != null) {
                    row(
                            out,
                            "  last failure",
                            TIME.format(Instant.ofEpochMilli(pr.lastFailure().at())) + "  "
                                    + pr.lastFailure().output());
                }
            }
            row(out, "uptime", w.running() ? Humanize.duration(w.uptimeMs()) : "-");
            row(out, "restarts", w.restarts() + " (unstable " + w.unstableRestarts() + ")");
            row(out, "last exit", w.lastExit() == null ? "-" : w.lastExit());
            if (w.listen() != null) row(out, "listen", w.listen().summary());
            row(out, "out log", orDash(d.logs().out()));
            row(out, "error log", orDash(d.logs().err()));
            if (d.logs().unwrittenLines() > 0) {
                row(out, "unwritten lines", d.logs().unwrittenLines() + " (the log disk was full)");
            }
            out.add("");
            out.add("restart history:");
            if (d.restartHistory().isEmpty()) out.add("  (none)");
            for (WorkerDetail.ExitRecord h : d.restartHistory()) {
                out.add("  " + TIME.format(Instant.ofEpochMilli(h.at())) + "  " + h.exit() + "  " + h.outcome());
            }
            out.add("");
            out.add("config:");
            d.config().text().forEach((k, v) -> row(out, k, v));
            out.add("");
        }
        return List.copyOf(out);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
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
