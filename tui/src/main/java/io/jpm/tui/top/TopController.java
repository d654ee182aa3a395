package io.jpm.tui.top;

import io.jpm.ipc.wire.Results;
import java.util.List;
import java.util.Objects;

/**
 * Turns inputs into changes of the {@link TopState}: what the daemon (or each host of a fleet console) reports, and
 * the outcome of each command, which ends up in the status line or the detail overlay; keys go to the
 * {@link KeyController}. Runs on the UI thread only.
 */
final class TopController {
    /** What the main loop should do after an input. */
    enum Outcome {
        NONE,
        REDRAW,
        REDRAW_NOW,
        QUIT
    }

    private final TopState state;
    private final KeyController keys;

    TopController(TopState state, CommandSink sink) {
        this.state = Objects.requireNonNull(state, "state");
        this.keys = new KeyController(state, Objects.requireNonNull(sink, "sink"));
    }

    Outcome handle(Input input, long nowNanos) {
        return switch (input) {
            case Input.Key k -> keys.key(k.stroke(), nowNanos);
            case Input.Resized r -> Outcome.REDRAW_NOW;
            case Input.Tick t -> Outcome.REDRAW;
            case Input.Connected c -> {
                state.connected = true;
                state.connection = "connected";
                yield Outcome.REDRAW;
            }
            case Input.Disconnected d -> {
                state.connected = false;
                state.connection = "disconnected (" + d.reason() + "), reconnecting…";
                yield Outcome.REDRAW;
            }
            case Input.Workers w -> {
                state.workers = w.rows();
                state.history.addHost(w.host());
                state.history.addWorkers(w.rows());
                state.refreshRows();
                yield Outcome.REDRAW;
            }
            case Input.History h -> {
                state.history.seed(h.history());
                yield Outcome.REDRAW;
            }
            case Input.Logs l -> {
                for (LogLine line : l.lines()) state.logs.add(line);
                yield Outcome.REDRAW;
            }
            case Input.WorkerEvent e -> workerEvent(e);
            case Input.Done d -> done(d, nowNanos);
            case Input.FromHost f -> fromHost(f.host(), f.input(), nowNanos);
        };
    }

    /** One host's report in {@code jpm-top --hosts}: its slice of the grid, its history, its lines, its link. */
    private Outcome fromHost(String host, Input input, long nowNanos) {
        return switch (input) {
            case Input.Connected c -> {
                state.hostsUp.add(host);
                fleetConnection();
                yield Outcome.REDRAW;
            }
            case Input.Disconnected d -> {
                if (state.hostsUp.remove(host))
                    state.logs.add(new LogLine(
                            "jpm",
                            -1,
                            true,
                            "host " + host + " disconnected (" + d.reason() + "), reconnecting…",
                            host));
                fleetConnection();
                yield Outcome.REDRAW;
            }
            case Input.Workers w -> {
                state.hostWorkers(host, w.rows());
                SparkHistory h = state.history(host);
                h.addHost(w.host());
                h.addWorkers(w.rows());
                state.refreshRows();
                yield Outcome.REDRAW;
            }
            case Input.History h -> {
                state.history(host).seed(h.history());
                yield Outcome.REDRAW;
            }
            case Input.Logs l -> {
                for (LogLine line : l.lines()) state.logs.add(line.onHost(host));
                yield Outcome.REDRAW;
            }
            case Input.WorkerEvent e -> {
                if (!e.event().equals("exit") && !e.event().equals("errored")) yield Outcome.NONE;
                state.logs.add(eventLine(e).onHost(host));
                yield Outcome.REDRAW;
            }
            default -> handle(input, nowNanos);
        };
    }

    private void fleetConnection() {
        state.connected = state.hostsUp.size() == state.hosts.size();
        List<String> down =
                state.hosts.stream().filter(h -> !state.hostsUp.contains(h)).toList();
        state.connection = state.hostsUp.size() + "/" + state.hosts.size() + " hosts"
                + (down.isEmpty() ? "" : ", down: " + String.join(",", down));
    }

    private Outcome workerEvent(Input.WorkerEvent e) {
        if (!e.event().equals("exit") && !e.event().equals("errored")) return Outcome.NONE;
        state.logs.add(eventLine(e));
        return Outcome.REDRAW;
    }

    private static LogLine eventLine(Input.WorkerEvent e) {
        String text = "jpm: " + e.app() + " id " + e.id() + " " + (e.event().equals("exit") ? "exited" : "errored")
                + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")");
        return new LogLine(e.app(), e.id(), true, text);
    }

    private Outcome done(Input.Done d, long now) {
        if (d.command().forDetail()) {
            if (d.ok()) {
                state.detailTitle = d.command().label();
                state.detailLines = d.result() instanceof Results.Details details
                        ? DetailView.lines(details)
                        : List.of("(not a describe result)");
                state.detailScroll = 0;
                state.overlay = TopState.Overlay.DETAIL;
            } else {
                state.status(d.command().label() + ": " + d.error(), true, now);
            }
        } else {
            state.status(d.command().label() + (d.ok() ? ": done" : ": failed: " + d.error()), !d.ok(), now);
        }
        return Outcome.REDRAW_NOW;
    }
}
