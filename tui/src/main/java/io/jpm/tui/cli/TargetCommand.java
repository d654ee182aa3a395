package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.ipc.wire.WireValue;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * stop, restart, reload, delete and reset share their shape: one or more targets, each sent in turn (as PM2's); a target
 * that matches nothing is one line on stderr, the others still run, and the exit code is 1.
 */
abstract class TargetCommand<R extends WireValue> implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @Parameters(arity = "1..*", paramLabel = "APP|ID|SCRIPT|/REGEX/|all")
    List<String> targets = new ArrayList<>();

    abstract Request<R> request(String target);

    abstract String verb();

    /** The workers to show after the verb's line, if the result has them. */
    Optional<List<WorkerView>> workers(R result) {
        return Optional.empty();
    }

    @Override
    public Integer call() {
        R last = null;
        CliException failed = null;
        List<String> named = new ArrayList<>();
        for (String t : targets) { // "-" or a .json file: the apps of a JSON process file, as PM2's
            Path file = jpm.cwd().resolve(t);
            if (StdinProcessFile.DASH.equals(t)) named.addAll(StdinProcessFile.names(System.in));
            else if (t.endsWith(".json") && Files.isRegularFile(file)) named.addAll(StdinProcessFile.names(file));
            else named.add(t);
        }
        for (String target : named) {
            try {
                last = jpm.call(request(target));
                jpm.out().println(verb() + " " + target);
            } catch (CliException e) {
                if (named.size() == 1) throw e;
                jpm.err().println("jpm: " + e.getMessage());
                failed = e;
            }
        }
        if (last != null) workers(last).ifPresent(rows -> ListView.print(jpm, rows));
        return failed == null ? 0 : failed.exitCode();
    }
}
