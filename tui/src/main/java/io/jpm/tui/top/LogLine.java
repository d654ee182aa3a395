package io.jpm.tui.top;

import io.jpm.ipc.wire.LogBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a worker's output as the log pane shows it; {@code text} holds no control characters, {@code host} is
 * empty for the local daemon.
 */
public record LogLine(String app, int id, boolean err, String text, String host) {

    public LogLine {
        Objects.requireNonNull(app, "app");
        text = sanitize(Objects.requireNonNull(text, "text"));
        host = host == null ? "" : host;
    }

    public LogLine(String app, int id, boolean err, String text) {
        this(app, id, err, text, "");
    }

    /** This line as {@code host}'s. */
    public LogLine onHost(String host) {
        return new LogLine(app, id, err, text, host);
    }

    /** Control characters from a worker must not drive the terminal: tabs become a space, others a '?'. */
    static String sanitize(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (bad && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            if (b != null) b.append(bad ? (c == '\t' ? ' ' : '?') : c);
        }
        return b == null ? s : b.toString();
    }

    /** The lines of one published log message. */
    static List<LogLine> of(LogBatch batch) {
        boolean err = "err".equals(batch.stream());
        List<LogLine> out = new ArrayList<>(batch.lines().size());
        for (LogBatch.Line l : batch.lines()) out.add(new LogLine(batch.app(), batch.id(), err, l.text()));
        return out;
    }
}
