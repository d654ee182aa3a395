package io.jpm.tui.top;

import io.jpm.themes.Theme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Everything the console shows, owned by its one UI thread: the {@link TopController} changes it and the
 * {@link TopRenderer} reads it, never at the same time. Values handed out are immutable.
 */
final class TopState {
    /** Which pane the arrow keys move. */
    enum Pane {
        GRID,
        LOGS
    }

    /** What covers the screen, if anything; keys go to it first. */
    enum Overlay {
        NONE,
        HELP,
        DETAIL,
        CONFIRM,
        INPUT
    }

    /** What the text being typed in the status line is for. */
    enum InputKind {
        PROCESS_FILTER,
        LOG_FILTER
    }

    final LogBuffer logs;
    final SparkHistory history;
    final List<Theme> themes;

    List<WorkerRow> workers = List.of();
    /** The workers shown: filtered and sorted; recomputed by {@link #refreshRows}. */
    List<WorkerRow> rows = List.of();

    /** The hosts of {@code jpm-top --hosts}, in their order; empty for the local daemon alone. */
    final List<String> hosts;
    /** Each host's last worker list ({@link WorkerRow#host} set); {@link #workers} is their concatenation. */
    final Map<String, List<WorkerRow>> hostRows = new HashMap<>();
    /** Each host's sparkline history; the local daemon uses {@link #history}. */
    final Map<String, SparkHistory> hostHistory = new HashMap<>();
    /** The hosts whose link is attached now. */
    final Set<String> hostsUp = new HashSet<>();
    /** The one host whose workers and logs are shown, or empty for all. */
    String hostFilter = "";

    int selectedId = -1;
    /** The host of the selected worker; rows are keyed by (host, id). */
    String selectedHost = "";

    int gridTop;
    SortKey sort = SortKey.ID;
    String processFilter = "";

    Pane focus = Pane.GRID;
    Pattern logFilter;
    boolean appOnly;
    boolean paused;
    /** How many matching lines the view is scrolled back from the newest; 0 when following. */
    int logScroll;
    /** {@link LogBuffer#appended()} when the view stopped following; lines after it are not shown. */
    long logAnchor;

    Overlay overlay = Overlay.NONE;
    Command pendingConfirm;
    String confirmQuestion = "";
    InputKind inputKind;
    StringBuilder inputText = new StringBuilder();
    String detailTitle = "";
    List<String> detailLines = List.of();
    int detailScroll;
    /** Rows of log text the last frame had room for; paging moves by this much. Set by the renderer. */
    int logPaneRows = 10;

    boolean connected;
    String connection = "connecting…";
    String status = "";
    boolean statusError;
    long statusAtNanos;

    int themeIndex;

    TopState(int scrollback, List<Theme> themes, int themeIndex) {
        this(scrollback, themes, themeIndex, List.of());
    }

    TopState(int scrollback, List<Theme> themes, int themeIndex, List<String> hosts) {
        this.hosts = List.copyOf(hosts);
        for (String h : this.hosts) hostHistory.put(h, new SparkHistory(240));
        this.logs = new LogBuffer(scrollback);
        this.history = new SparkHistory(240);
        this.themes = List.copyOf(themes);
        this.themeIndex = themeIndex;
    }

    Theme theme() {
        return themes.get(themeIndex);
    }

    boolean fleet() {
        return !hosts.isEmpty();
    }

    /** The sparkline history of {@code host}'s daemon. */
    SparkHistory history(String host) {
        return host.isEmpty() ? history : hostHistory.getOrDefault(host, history);
    }

    /** Takes {@code host}'s new worker list into {@link #workers}, in the hosts' order. */
    void hostWorkers(String host, List<WorkerRow> rows) {
        hostRows.put(host, rows.stream().map(w -> w.onHost(host)).toList());
        List<WorkerRow> all = new ArrayList<>();
        for (String h : hosts) all.addAll(hostRows.getOrDefault(h, List.of()));
        workers = List.copyOf(all);
    }

    void refreshRows() {
        List<WorkerRow> shown = hostFilter.isEmpty()
                ? workers
                : workers.stream().filter(w -> w.host().equals(hostFilter)).toList();
        rows = ProcessFilter.apply(shown, processFilter, sort);
        if (rows.isEmpty()) {
            selectedId = -1;
            selectedHost = "";
        } else if (rows.stream().noneMatch(w -> w.is(selectedHost, selectedId))) {
            select(rows.get(0));
        }
    }

    void select(WorkerRow w) {
        selectedId = w.id();
        selectedHost = w.host();
    }

    int selectedIndex() {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).is(selectedHost, selectedId)) return i;
        return -1;
    }

    WorkerRow selected() {
        int i = selectedIndex();
        return i < 0 ? null : rows.get(i);
    }

    boolean following() {
        return !paused && logScroll == 0;
    }

    /** The lines the log pane shows under its filter and app toggle. */
    Predicate<LogLine> logPredicate() {
        WorkerRow sel = selected();
        String app = appOnly && sel != null ? sel.name() : null;
        String appHost = sel != null ? sel.host() : "";
        String host = hostFilter;
        Pattern p = logFilter;
        return l -> (app == null || (app.equals(l.app()) && appHost.equals(l.host())))
                && (host.isEmpty() || host.equals(l.host()))
                && (p == null || p.matcher(l.text()).find());
    }

    /** Lines appended since the view stopped following, which it leaves out. */
    int logsHidden() {
        return following() ? 0 : (int) Math.min(logs.size(), logs.appended() - logAnchor);
    }

    void status(String message, boolean error, long nowNanos) {
        status = message;
        statusError = error;
        statusAtNanos = nowNanos;
    }
}
