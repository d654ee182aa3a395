package io.jpm.tui.cli;

import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.render.Humanize;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The {@code jpm list} table, sized to the terminal: when the columns do not fit, the least useful ones go first
 * (mode, then pid, uptime, restarts) and names are shortened, so that a row never wraps.
 */
final class ListView {
    private static final String[] HEADERS = {
        "id", "name", "mode", "pid", "uptime", "↺", "status", "cpu", "mem", "health", "watching"
    };
    /** The health column, shown only when some app has a probe. */
    private static final int HEALTH = 9;
    /** The order in which columns are dropped when the table is too wide. */
    private static final int[] DROP_ORDER = {2, 3, 4, 5, 10, 9};
    /** The last column, shown only when an app is watched (as PM2's "watching": "enabled"). */
    private static final int WATCHING = 10;

    private ListView() {}

    static void print(Jpm jpm, List<WorkerView> workers) {
        Terminal term = Terminal.of(jpm);
        for (String line : render(workers, term.width(), term.color()))
            jpm.out().println(line);
        jpm.out().flush();
    }

    /** Prints the workers of several hosts as one table whose first column is {@code hosts.get(i)} for row i. */
    static void print(Jpm jpm, List<WorkerView> workers, List<String> hosts) {
        Terminal term = Terminal.of(jpm);
        for (String line : render(workers, hosts, term.width(), term.color()))
            jpm.out().println(line);
        jpm.out().flush();
    }

    /** The table with a host column first: the rest of the table is fitted into what the host column leaves. */
    static List<String> render(List<WorkerView> workers, List<String> hosts, int width, boolean color) {
        if (hosts.size() != workers.size()) throw new IllegalArgumentException("one host per worker");
        int w = "host".length();
        for (String h : hosts) w = Math.max(w, h.length());
        List<String> table = render(workers, width - w - 2, color);
        if (workers.isEmpty()) return table;
        List<String> out = new ArrayList<>();
        String header = String.format("%-" + w + "s  ", "host");
        out.add((color
                        ? new AttributedStringBuilder()
                                .style(AttributedStyle.BOLD)
                                .append(header)
                                .toAnsi()
                        : header)
                + table.get(0));
        for (int i = 0; i < hosts.size(); i++)
            out.add(String.format("%-" + w + "s  ", hosts.get(i)) + table.get(i + 1));
        return out;
    }

    static List<String> render(List<WorkerView> workers, int width, boolean color) {
        List<String[]> rows = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (WorkerView w : workers) {
            boolean running = w.running();
            rows.add(new String[] {
                Integer.toString(w.id()),
                w.name(),
                w.mode(),
                running ? Long.toString(w.pid()) : "-",
                running ? Humanize.duration(w.uptimeMs()) : "-",
                Integer.toString(w.restarts()),
                w.status().wire(),
                running ? Humanize.percent(Math.max(0, w.cpu())) : "-",
                running ? Humanize.bytes(Math.max(0, w.memory())) : "-",
                health(w.health()),
                w.watching() ? "enabled" : "",
            });
            statuses.add(w.status().wire());
        }
        boolean[] shown = new boolean[HEADERS.length];
        java.util.Arrays.fill(shown, true);
        shown[HEALTH] = workers.stream().anyMatch(w -> w.health() != null);
        shown[WATCHING] = workers.stream().anyMatch(WorkerView::watching);
        int[] widths = widths(rows);
        int dropped = 0;
        while (total(widths, shown) > width && dropped < DROP_ORDER.length) shown[DROP_ORDER[dropped++]] = false;
        int over = total(widths, shown) - width;
        if (over > 0) widths[1] = Math.max(4, widths[1] - over);
        List<String> out = new ArrayList<>();
        out.add(line(HEADERS, widths, shown, color ? AttributedStyle.BOLD : null, null));
        for (int i = 0; i < rows.size(); i++)
            out.add(line(rows.get(i), widths, shown, null, color ? statusStyle(statuses.get(i)) : null));
        if (rows.isEmpty()) out.add("(no apps; start one with: jpm start <script>)");
        return out;
    }

    /** The probes' word, narrow: {@code ok}, {@code fail}, {@code ?} (no result yet), or {@code -} (no probe). */
    static String health(String wire) {
        if (wire == null) return "-";
        return switch (wire) {
            case "healthy" -> "ok";
            case "unhealthy" -> "fail";
            default -> "?";
        };
    }

    private static int[] widths(List<String[]> rows) {
        int[] w = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) w[i] = HEADERS[i].length();
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        return w;
    }

    private static int total(int[] widths, boolean[] shown) {
        int t = 0;
        for (int i = 0; i < widths.length; i++) if (shown[i]) t += widths[i] + 2;
        return t;
    }

    private static String line(
            String[] cells, int[] widths, boolean[] shown, AttributedStyle all, AttributedStyle status) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (!shown[i]) continue;
            String c = cells[i].length() > widths[i] ? cells[i].substring(0, widths[i] - 1) + "…" : cells[i];
            String padded = Humanize.padRight(c, widths[i]);
            AttributedStyle s = all != null ? all : (i == 6 ? status : null);
            if (s != null) b.style(s);
            b.append(padded);
            b.style(AttributedStyle.DEFAULT);
            b.append("  ");
        }
        return all == null && status == null ? stripEnd(b.toString()) : stripEnd(b.toAnsi());
    }

    /** {@code s} without trailing whitespace ({@code \\s}: space, tab, newline, vertical tab, form feed, return). */
    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && " \t\n\u000B\f\r".indexOf(s.charAt(end - 1)) >= 0) end--;
        return s.substring(0, end);
    }

    private static AttributedStyle statusStyle(String status) {
        return switch (status) {
            case "online" ->
                AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN).bold();
            case "errored" ->
                AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold();
            case "stopped" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.WHITE);
            default -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
        };
    }
}
