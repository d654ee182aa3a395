package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.WorkerView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The verbs that act on targets, each a {@link TargetCommand}: stop, restart, reload, delete and reset. */
final class TargetCommands {
    private TargetCommands() {}

    /** A verb whose result lists every worker after the change. */
    abstract static class ChangeCommand extends TargetCommand<Results.Changed> {
        @Override
        Optional<List<WorkerView>> workers(Results.Changed result) {
            return Optional.of(result.workers());
        }
    }

    @Command(name = "stop", description = "Stop an app, a worker or all (the whole process tree).")
    static final class Stop extends ChangeCommand {
        @Option(
                names = "--watch",
                description =
                        "Accepted as PM2's: every stop ends the app's watching (restart --watch starts it again).")
        boolean watch;

        Request<Results.Changed> request(String target) {
            return new Request.Stop(target);
        }

        String verb() {
            return "stopped";
        }
    }

    @Command(
            name = "restart",
            description =
                    "Restart an app, a worker or all. The saved environment is kept " + "unless --update-env is given.")
    static final class Restart extends ChangeCommand {
        @Option(names = "--update-env", description = "Take this shell's environment.")
        boolean updateEnv;

        @Option(names = "--watch", description = "Switch the app's watching: on (at its cwd) when off, off when on.")
        boolean watch;

        @Option(names = "--env", paramLabel = "NAME", description = "With an ecosystem file: take env_<NAME>.")
        String profile;

        Request<Results.Changed> request(String target) {
            return new Request.Restart(target, updateEnv, updateEnv ? jpm.env() : Map.of(), watch);
        }

        @Override
        public Integer call() {
            return StartCommand.ofFile(jpm, targets, profile, false)
                    .map(StartCommand::call)
                    .orElseGet(super::call);
        }

        String verb() {
            return "restarted";
        }
    }

    @Command(name = "reload", description = "Zero-downtime reload: each new instance starts before its old one stops.")
    static final class Reload extends ChangeCommand {
        @Option(names = "--update-env", description = "Take this shell's environment.")
        boolean updateEnv;

        @Option(names = "--env", paramLabel = "NAME", description = "With an ecosystem file: take env_<NAME>.")
        String profile;

        @Override
        public Integer call() {
            return StartCommand.ofFile(jpm, targets, profile, true)
                    .map(StartCommand::call)
                    .orElseGet(super::call);
        }

        Request<Results.Changed> request(String target) {
            return new Request.Reload(target, updateEnv, updateEnv ? jpm.env() : Map.of());
        }

        String verb() {
            return "reloaded";
        }
    }

    @Command(
            name = "delete",
            aliases = {"del"},
            description = "Stop and forget an app, a worker or all.")
    static final class Delete extends TargetCommand<Results.Deleted> {
        Request<Results.Deleted> request(String target) {
            return new Request.Delete(target);
        }

        String verb() {
            return "deleted";
        }
    }

    @Command(name = "reset", description = "Zero the restart counters of an app, a worker or all.")
    static final class Reset extends TargetCommand<Results.ResetDone> {
        Request<Results.ResetDone> request(String target) {
            return new Request.Reset(target);
        }

        String verb() {
            return "reset";
        }
    }
}
