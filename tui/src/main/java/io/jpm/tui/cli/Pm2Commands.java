package io.jpm.tui.cli;

import io.jpm.ipc.Json;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.CliException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** PM2's verbs that jpm answers with its own means: jlist, prettylist, env, startOrRestart and its kin. */
final class Pm2Commands {
    private Pm2Commands() {}

    /**
     * Every worker with its details and environment, which jlist's paths, args and env come from; none when no app
     * exists (a describe of "all" then fails, so the list is asked first) or every app went between the two calls.
     */
    private static List<WorkerDetail> details(Jpm jpm) {
        Results.Workers rows = jpm.call(new Request.ListWorkers());
        if (rows.workers().isEmpty()) return List.of();
        try {
            return jpm.call(new Request.Describe(Request.ALL, true)).workers();
        } catch (CliException e) {
            return List.of();
        }
    }

    @Command(name = "jlist", description = "The worker list as PM2's jlist prints it (JSON, one line).")
    static final class Jlist implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Override
        public Integer call() throws Exception {
            jpm.out().println(Json.MAPPER.writeValueAsString(Pm2List.of(details(jpm), System.currentTimeMillis())));
            return 0;
        }
    }

    @Command(name = "prettylist", description = "The worker list as PM2's jlist, indented.")
    static final class Prettylist implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Override
        public Integer call() throws Exception {
            jpm.out()
                    .println(Json.MAPPER
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(Pm2List.of(details(jpm), System.currentTimeMillis())));
            return 0;
        }
    }

    @Command(
            name = "env",
            description = "Print a worker's environment, one KEY: value a line (secrets included: it is asked for).")
    static final class Env implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            if (!id.matches("[0-9]{1,9}")) throw new CliException("env takes a worker id: " + id);
            Results.Details r;
            try {
                r = jpm.call(new Request.Describe(id, true));
            } catch (CliException e) {
                throw new CliException("no worker with id " + id);
            }
            for (WorkerDetail d : r.workers())
                d.env().forEach((k, v) -> jpm.out().println(k + ": " + v));
            return 0;
        }
    }

    @Command(
            name = "pid",
            description = "The pids of an app's workers (of every worker without a name), one a line; 0 for one that"
                    + " is not running (as PM2's).")
    static final class Pid implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(paramLabel = "APP", arity = "0..1")
        String app;

        @Override
        public Integer call() {
            for (WorkerView w : jpm.call(new Request.ListWorkers()).workers()) {
                if (app == null || app.equals(w.name())) jpm.out().println(w.pid() == null ? 0 : w.pid());
            }
            return 0;
        }
    }

    /** startOrRestart and its kin: {@code jpm start FILE} where the file's apps that exist restart or reload. */
    abstract static class StartOr implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(paramLabel = "ECOSYSTEM")
        String file;

        @Option(names = "--env", paramLabel = "NAME", description = "Take env_<NAME> of the file.")
        String profile;

        @Option(names = "--only", description = "Only these apps (comma-separated).")
        String only;

        abstract boolean reload();

        @Override
        public Integer call() {
            StartCommand start = StartCommand.ofFile(jpm, List.of(file), null, reload())
                    .orElseThrow(() -> new CliException("not an ecosystem file: " + file, 2));
            if (profile != null) start.flags.env.add(profile);
            start.only = only;
            return start.call();
        }
    }

    @Command(name = "startOrRestart", description = "Start the apps of an ecosystem file; restart those that exist.")
    static final class StartOrRestart extends StartOr {
        boolean reload() {
            return false;
        }
    }

    @Command(name = "startOrReload", description = "Start the apps of an ecosystem file; reload those that exist.")
    static final class StartOrReload extends StartOr {
        boolean reload() {
            return true;
        }
    }

    @Command(name = "startOrGracefulReload", description = "The same as startOrReload (as PM2's).")
    static final class StartOrGracefulReload extends StartOr {
        boolean reload() {
            return true;
        }
    }
}
