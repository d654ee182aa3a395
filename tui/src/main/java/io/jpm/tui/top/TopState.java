package io.jpm.tui.top;

import io.jpm.themes.Theme;
import java.util.List;
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

    int selectedId = -1;
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
        this.logs = new LogBuffer(scrollback);
        this.history = new SparkHistory(240);
        this.themes = List.copyOf(themes);
        this.themeIndex = themeIndex;
    }

    Theme theme() {
        return themes.get(themeIndex);
    }

    void refreshRows() {
        rows = ProcessFilter.apply(workers, processFilter, sort);
        if (rows.isEmpty()) {
            selectedId = -1;
        } else if (rows.stream().noneMatch(w -> w.id() == selectedId)) {
            selectedId = rows.get(0).id();
        }
    }

    int selectedIndex() {
        for (int i = 0; i < rows.size(); i++) if (rows.get(i).id() == selectedId) return i;
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
        Pattern p = logFilter;
        return l -> (app == null || app.equals(l.app()))
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
