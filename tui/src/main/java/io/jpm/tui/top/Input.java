package io.jpm.tui.top;

import com.googlecode.lanterna.input.KeyStroke;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WireValue;
import java.util.List;

/** Everything the console's UI thread reacts to, in the one queue it reads. Values only. */
public sealed interface Input {

    record Key(KeyStroke stroke) implements Input {}

    /** The terminal changed size. */
    record Resized() implements Input {}

    /** Time passed: redraw what depends on it (uptimes) and expire the status message. */
    record Tick() implements Input {}

    /** The link reached the daemon at {@code endpoint}. */
    record Connected(String endpoint) implements Input {}

    /** The link lost the daemon and is trying again. */
    record Disconnected(String reason) implements Input {}

    /** The workers, from a {@code stats} message (with its {@code host}) or a {@code list} reply (host null). */
    record Workers(List<WorkerRow> rows, Stats.Host host) implements Input {
        public Workers {
            rows = List.copyOf(rows);
        }
    }

    /** The result of a {@code history} command. */
    record History(io.jpm.ipc.wire.History history) implements Input {}

    /** Log lines, in arrival order. */
    record Logs(List<LogLine> lines) implements Input {
        public Logs {
            lines = List.copyOf(lines);
        }
    }

    /** A worker event ({@code event.<app>}), such as an exit. */
    record WorkerEvent(String app, int id, String event, String detail) implements Input {}

    /** What one host's link reported, in {@code jpm-top --hosts}. */
    record FromHost(String host, Input input) implements Input {}

    /** A command finished: {@code result} when it succeeded, else {@code error} (one line). */
    record Done(Command command, WireValue result, String error) implements Input {
        public boolean ok() {
            return error == null;
        }
    }
}
