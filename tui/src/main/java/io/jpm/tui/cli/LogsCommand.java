package io.jpm.tui.cli;

import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.EventSubscriber;
import io.jpm.ipc.Request;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.LogsTail;
import io.jpm.ipc.wire.Published;
import io.jpm.ipc.wire.Wire;
import io.jpm.tui.CliException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jpm logs}: the tail of the files, then the live stream, with no gap and no duplicate between them. It
 * subscribes first and waits until the subscription is in effect, then asks for the tail; the tail carries the
 * number of the last line of each stream, and streamed lines up to that number are dropped.
 */
@Command(name = "logs", description = "Print the last lines of an app's logs, then stream new ones.")
final class LogsCommand implements Callable<Integer> {
    private static final String RED = "\u001b[31m";
    private static final String CONTINUED = " [continued]";
    private static final String RESET = "\u001b[0m";
    private static final String[] PALETTE = {"\u001b[36m", "\u001b[32m", "\u001b[35m", "\u001b[34m", "\u001b[33m"};

    @ParentCommand
    Jpm jpm;

    @Parameters(arity = "0..1", paramLabel = "APP|ID|all")
    String target = Request.ALL;

    @Option(names = "--lines", description = "How many lines to print first (default ${DEFAULT-VALUE}).")
    int lines = 15;

    @Option(names = "--nostream", description = "Print the tail and exit.")
    boolean nostream;

    @Option(names = "--err", description = "Only stderr.")
    boolean err;

    @Option(names = "--out", description = "Only stdout.")
    boolean out;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--raw", description = "Lines only, without the id|app prefix.")
    boolean raw;

    @Option(names = "--grep", paramLabel = "REGEX", description = "Only lines matching REGEX.")
    String grep;

    private Pattern filter;
    private boolean color;

    @Override
    public Integer call() throws Exception {
        if (err && out) throw new CliException("--err and --out exclude each other", 2);
        if (lines < 0) throw new CliException("--lines must be 0 or more: " + lines, 2);
        try {
            filter = grep == null ? null : Pattern.compile(grep);
        } catch (PatternSyntaxException e) {
            throw new CliException("--grep: not a regular expression: " + grep, 2);
        }
        color = Terminal.of(jpm).color() && !raw && !json;
        String stream = err ? "err" : out ? "out" : null;
        boolean byId = target.chars().allMatch(Character::isDigit);
        String prefix = Request.ALL.equals(target) || byId ? Topics.LOG_PREFIX : Topics.LOG_PREFIX + target + ".";
        // --nostream is a one-shot verb: the tail comes over the local socket and no ZeroMQ class is loaded
        var client = nostream ? null : jpm.streamClient();
        EventSubscriber sub = nostream
                ? null
                : new EventSubscriber(
                        client.daemon(), CurveKeys.read(jpm.home().keys().resolve("client.key")), prefix);
        try {
            if (sub != null && !sub.awaitSubscribed(client, 10_000)) {
                throw new CliException("could not subscribe to the daemon's log stream");
            }
            LogsTail tail = jpm.call(new Request.Logs(target, lines, stream));
            printTail(tail);
            if (sub == null) return 0;
            Map<String, Long> seen = new HashMap<>(tail.seqs());
            while (!Thread.currentThread().isInterrupted()) {
                Optional<Published> e = sub.receive(1_000);
                if (e.isEmpty() || !(e.get() instanceof LogBatch m) || !matches(m, byId, stream)) continue;
                String key = LogsTail.seqKey(m.id(), m.stream());
                long last = seen.getOrDefault(key, 0L);
                for (LogBatch.Line l : m.lines()) {
                    if (l.seq() <= last) continue;
                    last = l.seq();
                    print(m.app(), m.id(), m.stream(), asInFile(l), l.ts());
                }
                seen.put(key, last);
            }
            return 0;
        } catch (DaemonUnreachableException e) {
            throw new CliException(e.getMessage());
        } finally {
            if (sub != null) sub.close();
        }
    }

    /** A streamed line as its log file holds it: the same text as the tail shows, so --grep sees the same. */
    private static String asInFile(LogBatch.Line line) {
        return line.fileLine() + (line.continued() ? CONTINUED : "");
    }

    private boolean matches(LogBatch m, boolean byId, String stream) {
        if (stream != null && !stream.equals(m.stream())) return false;
        if (byId) return Integer.toString(m.id()).equals(target);
        return Request.ALL.equals(target) || target.equals(m.app());
    }

    private void printTail(LogsTail tail) {
        for (LogsTail.File f : tail.files()) {
            if (f.lines().isEmpty()) continue;
            if (!raw && !json)
                jpm.out().println((color ? "\u001b[2m" : "") + "==> " + f.path() + " <==" + (color ? RESET : ""));
            for (String l : f.lines()) print(f.app(), f.id(), f.stream(), l, -1);
        }
        jpm.out().flush();
    }

    private void print(String app, int id, String stream, String text, long ts) {
        if (filter != null && !filter.matcher(text).find()) return;
        if (json) {
            byte[] line = Wire.bytes(g -> {
                g.writeStartObject();
                g.writeStringField("app", app);
                g.writeNumberField("id", id);
                g.writeStringField("stream", stream);
                g.writeStringField("text", text);
                if (ts >= 0) g.writeNumberField("ts", ts);
                g.writeEndObject();
            });
            jpm.out().println(new String(line, StandardCharsets.UTF_8));
        } else if (raw) {
            jpm.out().println(text);
        } else {
            String label = id + "|" + app;
            String body = sanitize(text);
            if (color) {
                String c = PALETTE[Math.floorMod(app.hashCode(), PALETTE.length)];
                jpm.out().println(c + label + " |" + RESET + " " + ("err".equals(stream) ? RED + body + RESET : body));
            } else {
                jpm.out().println(label + " | " + body);
            }
        }
        jpm.out().flush();
    }

    /** Control characters from a worker must not drive the user's terminal. */
    private static String sanitize(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t') {
                if (b == null) b = new StringBuilder(s.substring(0, i));
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
