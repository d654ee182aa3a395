package io.jpm.tui.top;

import io.jpm.ipc.wire.LogsTail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last lines of every log file (a {@code logs} reply) as one list, interleaved by the timestamp that starts each
 * file line, which is dropped from the text. Lines without one keep their file's order, after those with one.
 */
final class TailMerge {
    private static final Pattern STAMP =
            Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?): ");

    private TailMerge() {}

    static List<LogLine> lines(LogsTail tail) {
        record Stamped(String stamp, int order, LogLine line) {}
        List<Stamped> all = new ArrayList<>();
        for (LogsTail.File f : tail.files()) {
            boolean err = "err".equals(f.stream());
            for (String line : f.lines()) {
                String text = line;
                Matcher m = STAMP.matcher(text);
                String stamp = m.find() ? m.group(1) : "~";
                if (!stamp.equals("~")) text = text.substring(m.end());
                all.add(new Stamped(stamp, all.size(), new LogLine(f.app(), f.id(), err, text)));
            }
        }
        all.sort(Comparator.comparing(Stamped::stamp).thenComparingInt(Stamped::order));
        return all.stream().map(Stamped::line).toList();
    }
}
