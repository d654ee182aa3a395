package io.jpm.engine.supervise;

import io.jpm.engine.logs.AppLogs;
import io.jpm.engine.logs.LogTail;
import io.jpm.engine.logs.RotatingLogFile;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.LogsTail;
import io.jpm.ipc.wire.Results;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The log commands: tail (joined to the live stream by line numbers), flush and reopen. */
public final class LogCommands {
    private LogCommands() {}

    /**
     * The last lines of each target worker's files, and for each worker stream the number of the last line in the
     * file, taken under the file's lock so that a subscriber drops exactly the streamed lines the tail holds.
     */
    public static LogsTail tail(Apps apps, Request.Logs r) {
        List<Targets.Target> targets = apps.targets(r.target(), true);
        List<LogsTail.File> files = new ArrayList<>();
        Map<String, Long> seqs = new LinkedHashMap<>();
        Map<RotatingLogFile, Boolean> seen = new IdentityHashMap<>();
        for (Targets.Target t : targets) {
            AppLogs.Pair pair;
            try {
                pair = t.app().logs().forWorker(t.worker().id());
            } catch (IOException e) {
                throw new CommandException(ErrorCode.INTERNAL, "cannot open logs: " + e.getMessage());
            }
            for (String stream : new String[] {"out", "err"}) {
                if (r.stream() != null && !r.stream().equals(stream)) continue;
                RotatingLogFile f = stream.equals("out") ? pair.out() : pair.err();
                List<String> lines;
                synchronized (f) {
                    long seq = t.worker().lineSeq(stream).get();
                    seqs.put(LogsTail.seqKey(t.worker().id(), stream), seq);
                    if (seen.put(f, Boolean.TRUE) != null) continue;
                    try {
                        f.flush();
                        lines = r.lines() == 0 ? List.of() : LogTail.lastLines(f.path(), r.lines());
                    } catch (IOException e) {
                        lines = List.of();
                    }
                }
                files.add(new LogsTail.File(
                        t.app().name(), t.worker().id(), stream, f.path().toString(), lines));
            }
        }
        return new LogsTail(files, seqs);
    }

    public static Results.Flushed flush(Apps apps, String target) {
        List<String> flushed = new ArrayList<>();
        for (App app : Targets.apps(apps.targets(target, true))) {
            for (RotatingLogFile f : app.logs().files()) {
                try {
                    f.truncate();
                    flushed.add(f.path().toString());
                } catch (IOException e) {
                    throw new CommandException(ErrorCode.INTERNAL, "cannot flush " + f.path() + ": " + e.getMessage());
                }
            }
        }
        return new Results.Flushed(flushed);
    }

    public static Results.Reopened reopen(Apps apps) {
        int n = 0;
        for (App app : apps.all()) {
            for (RotatingLogFile f : app.logs().files()) {
                try {
                    f.reopen();
                    n++;
                } catch (IOException e) {
                    throw new CommandException(ErrorCode.INTERNAL, "cannot reopen " + f.path() + ": " + e.getMessage());
                }
            }
        }
        return new Results.Reopened(n);
    }
}
