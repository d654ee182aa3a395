package io.jpm.tui.top;

/** What a key does in the console's normal mode; the help overlay lists these, in this order. */
public enum Action {
    UP("↑ k", "select the worker above (in the log pane: scroll up)"),
    DOWN("↓ j", "select the worker below (in the log pane: scroll down)"),
    PAGE_UP("PgUp", "scroll the logs back a page"),
    PAGE_DOWN("PgDn", "scroll the logs forward a page"),
    FOLLOW("End", "follow the logs (newest at the bottom)"),
    DETAIL("Enter", "details of the worker, with its restart history"),
    RESTART("r", "restart the selected worker"),
    RELOAD("R", "rolling reload of the selected worker's app"),
    STOP_START("s", "stop the worker (asks first), or start it if stopped"),
    DELETE("d", "delete the worker (asks first)"),
    SCALE_UP("+", "scale the app up by one"),
    SCALE_DOWN("-", "scale the app down by one (asks first)"),
    FILTER_PROCESSES("/", "filter workers by name, status or id"),
    FILTER_LOGS("f", "filter log lines by a regular expression"),
    APP_LOGS("a", "logs of the selected app only, or of all apps"),
    HOST_FILTER("H", "one host's workers and logs, the next host, then all (--hosts)"),
    PAUSE("p", "pause or resume the log pane"),
    SORT("o", "cycle the sort column"),
    NEXT_PANE("Tab", "cycle the focus between workers and logs"),
    THEME("t", "cycle the themes"),
    HELP("?", "this help"),
    CANCEL("Esc", "close a dialog, clear filters"),
    QUIT("q ^C", "quit");

    private final String keys;
    private final String description;

    Action(String keys, String description) {
        this.keys = keys;
        this.description = description;
    }

    public String keys() {
        return keys;
    }

    public String description() {
        return description;
    }
}
