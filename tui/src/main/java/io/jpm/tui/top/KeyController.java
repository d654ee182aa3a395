package io.jpm.tui.top;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.jpm.ipc.Request;
import io.jpm.tui.top.TopController.Outcome;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the user's keys into changes of the {@link TopState} and into commands for the daemon: moving, scrolling,
 * the filters typed in, the overlays. Destructive commands (stop, delete, scale down) wait in a confirm dialog. Runs
 * on the UI thread only.
 */
final class KeyController {
    private final TopState state;
    private final CommandSink sink;
    /** The filter's text when its input opened, given back on Escape or on a regex that does not compile. */
    private String inputBefore = "";

    KeyController(TopState state, CommandSink sink) {
        this.state = state;
        this.sink = sink;
    }

    Outcome key(KeyStroke k, long now) {
        if (KeyMap.isInterrupt(k)) return Outcome.QUIT;
        return switch (state.overlay) {
            case HELP -> {
                state.overlay = TopState.Overlay.NONE;
                yield k.getKeyType() == KeyType.Character && k.getCharacter() == 'q'
                        ? Outcome.QUIT
                        : Outcome.REDRAW_NOW;
            }
            case DETAIL -> detailKey(k);
            case CONFIRM -> confirmKey(k, now);
            case INPUT -> inputKey(k, now);
            case NONE -> KeyMap.action(k).map(a -> act(a, now)).orElse(Outcome.NONE);
        };
    }

    private Outcome detailKey(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowUp -> state.detailScroll = Math.max(0, state.detailScroll - 1);
            case ArrowDown -> state.detailScroll++;
            case PageUp -> state.detailScroll = Math.max(0, state.detailScroll - 10);
            case PageDown -> state.detailScroll += 10;
            case Character -> {
                if (k.getCharacter() == 'j') state.detailScroll++;
                else if (k.getCharacter() == 'k') state.detailScroll = Math.max(0, state.detailScroll - 1);
                else state.overlay = TopState.Overlay.NONE;
            }
            default -> state.overlay = TopState.Overlay.NONE;
        }
        return Outcome.REDRAW_NOW;
    }

    private Outcome confirmKey(KeyStroke k, long now) {
        boolean yes = k.getKeyType() == KeyType.Enter
                || (k.getKeyType() == KeyType.Character && (k.getCharacter() == 'y' || k.getCharacter() == 'Y'));
        Command c = state.pendingConfirm;
        state.overlay = TopState.Overlay.NONE;
        state.pendingConfirm = null;
        if (yes && c != null) {
            send(c, now);
        } else {
            state.status("cancelled", false, now);
        }
        return Outcome.REDRAW_NOW;
    }

    private Outcome inputKey(KeyStroke k, long now) {
        switch (k.getKeyType()) {
            case Escape -> {
                state.inputText = new StringBuilder(inputBefore);
                applyInput(now);
                state.overlay = TopState.Overlay.NONE;
            }
            case Enter -> {
                state.overlay = TopState.Overlay.NONE;
                if (!applyInput(now)) {
                    state.inputText = new StringBuilder(inputBefore);
                    applyInput(now);
                }
            }
            case Backspace -> {
                if (!state.inputText.isEmpty()) state.inputText.setLength(state.inputText.length() - 1);
                applyInput(now);
            }
            case Character -> {
                if (!k.isCtrlDown() && !k.isAltDown()) {
                    state.inputText.append(k.getCharacter());
                    applyInput(now);
                }
            }
            default -> {
                return Outcome.NONE;
            }
        }
        return Outcome.REDRAW_NOW;
    }

    /** Applies the text typed so far; false (with the reason in the status line) when it is not a valid regex. */
    private boolean applyInput(long now) {
        String text = state.inputText.toString();
        if (state.inputKind == TopState.InputKind.PROCESS_FILTER) {
            state.processFilter = text;
            state.refreshRows();
            return true;
        }
        try {
            state.logFilter = text.isEmpty() ? null : Pattern.compile(text);
            state.status("", false, now);
            return true;
        } catch (PatternSyntaxException e) {
            state.status("not a regular expression: " + text + " (" + e.getDescription() + ")", true, now);
            return false;
        }
    }

    private Outcome act(Action a, long now) {
        WorkerRow sel = state.selected();
        switch (a) {
            case UP -> move(-1);
            case DOWN -> move(1);
            case PAGE_UP -> scrollLogs(Math.max(1, state.logPaneRows - 1));
            case PAGE_DOWN -> scrollLogs(-Math.max(1, state.logPaneRows - 1));
            case FOLLOW -> {
                state.paused = false;
                state.logScroll = 0;
            }
            case DETAIL -> {
                if (sel == null) return noWorker(now);
                sink.submit(new Command(
                                "describe " + label(sel), new Request.Describe(Integer.toString(sel.id()), false), true)
                        .to(sel.host()));
            }
            case RESTART -> {
                if (sel == null) return noWorker(now);
                send(Command.action("restart " + label(sel), new Request.Restart(id(sel), false, Map.of())), now);
            }
            case RELOAD -> {
                if (sel == null) return noWorker(now);
                send(Command.action("reload " + sel.name(), new Request.Reload(sel.name(), false, Map.of())), now);
            }
            case STOP_START -> {
                if (sel == null) return noWorker(now);
                if (isStopped(sel)) {
                    send(Command.action("start " + label(sel), new Request.Restart(id(sel), false, Map.of())), now);
                } else {
                    confirm(
                            "Stop " + label(sel) + "?",
                            Command.action("stop " + label(sel), new Request.Stop(id(sel))));
                }
            }
            case DELETE -> {
                if (sel == null) return noWorker(now);
                confirm(
                        "Delete " + label(sel) + "? Its process stops and jpm forgets it.",
                        Command.action("delete " + label(sel), new Request.Delete(id(sel))));
            }
            case SCALE_UP -> {
                if (sel == null) return noWorker(now);
                send(Command.action("scale " + sel.name() + " +1", new Request.Scale(sel.name(), "+1")), now);
            }
            case SCALE_DOWN -> {
                if (sel == null) return noWorker(now);
                confirm(
                        "Scale " + sel.name() + " down by one?",
                        Command.action("scale " + sel.name() + " -1", new Request.Scale(sel.name(), "-1")));
            }
            case FILTER_PROCESSES -> startInput(TopState.InputKind.PROCESS_FILTER, state.processFilter);
            case FILTER_LOGS ->
                startInput(TopState.InputKind.LOG_FILTER, state.logFilter == null ? "" : state.logFilter.pattern());
            case HOST_FILTER -> {
                if (!state.fleet()) {
                    state.status("one daemon: jpm-top --hosts shows several", false, now);
                    return Outcome.REDRAW_NOW;
                }
                int next = state.hosts.indexOf(state.hostFilter) + 1;
                state.hostFilter = next < state.hosts.size() ? state.hosts.get(next) : "";
                state.refreshRows();
                state.logScroll = 0;
                state.status("host: " + (state.hostFilter.isEmpty() ? "all" : state.hostFilter), false, now);
            }
            case APP_LOGS -> {
                state.appOnly = !state.appOnly;
                state.logScroll = 0;
            }
            case PAUSE -> {
                if (state.paused) {
                    state.paused = false;
                    state.logScroll = 0;
                } else {
                    state.paused = true;
                    state.logAnchor = state.logs.appended();
                }
            }
            case SORT -> {
                state.sort = state.sort.next();
                state.refreshRows();
            }
            case NEXT_PANE -> state.focus = state.focus == TopState.Pane.GRID ? TopState.Pane.LOGS : TopState.Pane.GRID;
            case THEME -> {
                state.themeIndex = (state.themeIndex + 1) % state.themes.size();
                state.status("theme: " + state.theme().name(), false, now);
            }
            case HELP -> state.overlay = TopState.Overlay.HELP;
            case CANCEL -> {
                state.processFilter = "";
                state.logFilter = null;
                state.refreshRows();
            }
            case QUIT -> {
                return Outcome.QUIT;
            }
        }
        return Outcome.REDRAW_NOW;
    }

    private void move(int delta) {
        if (state.focus == TopState.Pane.LOGS) {
            scrollLogs(-delta);
            return;
        }
        if (state.rows.isEmpty()) return;
        int i = Math.max(0, Math.min(state.rows.size() - 1, state.selectedIndex() + delta));
        state.select(state.rows.get(i));
    }

    /** Positive scrolls back in time; reaching the bottom again resumes following unless paused. */
    private void scrollLogs(int lines) {
        if (state.following()) state.logAnchor = state.logs.appended();
        state.logScroll = Math.max(0, Math.min(Math.max(0, state.logs.size() - 1), state.logScroll + lines));
    }

    private void startInput(TopState.InputKind kind, String current) {
        state.inputKind = kind;
        inputBefore = current;
        state.inputText = new StringBuilder(current);
        state.overlay = TopState.Overlay.INPUT;
    }

    private void confirm(String question, Command command) {
        WorkerRow sel = state.selected();
        state.confirmQuestion = sel == null || sel.host().isEmpty() ? question : question + " (on " + sel.host() + ")";
        state.pendingConfirm = sel == null ? command : command.to(sel.host());
        state.overlay = TopState.Overlay.CONFIRM;
    }

    private void send(Command command, long now) {
        Command c = command.host().isEmpty() ? toSelected(command) : command;
        state.status(c.label() + "…", false, now);
        sink.submit(c);
    }

    /** {@code c} for the selected worker's own daemon. */
    private Command toSelected(Command c) {
        WorkerRow sel = state.selected();
        return sel == null ? c : c.to(sel.host());
    }

    private Outcome noWorker(long now) {
        state.status("no worker selected", true, now);
        return Outcome.REDRAW_NOW;
    }

    private static boolean isStopped(WorkerRow w) {
        return w.status().equals("stopped") || w.status().equals("errored");
    }

    private static String id(WorkerRow w) {
        return Integer.toString(w.id());
    }

    static String label(WorkerRow w) {
        return w.name() + " (id " + w.id() + ")";
    }
}
