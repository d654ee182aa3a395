package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The one-request verbs on apps and their files: scale, signal, save, resurrect, flush and reloadLogs. (start is
 * {@link StartCommand}, list {@link ListCommand}, describe {@link DescribeCommand}, and the verbs on targets are
 * {@link TargetCommands}.)
 */
final class AppCommands {
    private AppCommands() {}

    @Command(name = "scale", description = "Scale an app to N instances, or by +N / -N.")
    static final class Scale extends OneLineCommand<Results.Scaled> {
        @Parameters(index = "0", paramLabel = "APP")
        String app;

        @Parameters(index = "1", paramLabel = "N|+N|-N")
        String count;

        Request<Results.Scaled> request() {
            return new Request.Scale(app, count);
        }

        String line(Results.Scaled r) {
            return "scaled " + app + " to " + r.instances();
        }
    }

    @Command(
            name = "signal",
            aliases = {"sendSignal"},
            description = "Send a signal to an app's or worker's process.")
    static final class Signal implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(index = "0", paramLabel = "SIGNAL")
        String signal;

        @Parameters(index = "1", paramLabel = "APP|ID")
        String target;

        @Override
        public Integer call() {
            Results.Signals r = jpm.call(new Request.SendSignal(signal.toUpperCase(Locale.ROOT), target));
            for (Results.Signals.Sent s : r.sent()) {
                jpm.out().println((s.sent() ? "sent " : "not running: ") + signal + " to worker " + s.id());
            }
            return 0;
        }
    }

    @Command(
            name = "save",
            aliases = {"dump"},
            description = "Write the app list to JPM_HOME/dump.json now.")
    static final class Save extends OneLineCommand<Results.Saved> {
        Request<Results.Saved> request() {
            return new Request.Save();
        }

        String line(Results.Saved r) {
            return "saved " + r.apps() + " apps to " + r.saved();
        }
    }

    @Command(name = "resurrect", description = "Start the apps of dump.json that are not running.")
    static final class Resurrect extends OneLineCommand<Results.Resurrected> {
        Request<Results.Resurrected> request() {
            return new Request.Resurrect();
        }

        String line(Results.Resurrected r) {
            return "resurrected " + Wire.json(r.resurrected());
        }
    }

    @Command(name = "flush", description = "Empty the log files of an app, or of all apps.")
    static final class Flush extends OneLineCommand<Results.Flushed> {
        @Parameters(arity = "0..1", paramLabel = "APP")
        String target;

        Request<Results.Flushed> request() {
            return new Request.Flush(target);
        }

        String line(Results.Flushed r) {
            return "flushed " + r.flushed().size() + " files";
        }
    }

    @Command(name = "reloadLogs", description = "Reopen every log file (after an external logrotate).")
    static final class ReloadLogs extends OneLineCommand<Results.Reopened> {
        Request<Results.Reopened> request() {
            return new Request.ReloadLogs();
        }

        String line(Results.Reopened r) {
            return "reopened " + r.reopened() + " log files";
        }
    }
}
