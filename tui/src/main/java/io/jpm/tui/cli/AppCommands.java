package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.EcosystemFileNames;
import io.jpm.ipc.Json;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WireValue;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.CliException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The verbs that start and steer apps. */
final class AppCommands {
    private AppCommands() {}

    @Command(
            name = "start",
            description = "Start a script, a command or an ecosystem file (.json, .yaml, .yml, .config.js).")
    static final class Start implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(index = "0", paramLabel = "SCRIPT|COMMAND|ECOSYSTEM")
        String target;

        @Parameters(
                index = "1..*",
                paramLabel = "SCRIPT|ARGS",
                description = "More scripts to start, each its own app (as PM2's); after --, arguments for the app.")
        List<String> args = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Option(names = "--name", description = "App name (default: the script's base name).")
        String name;

        @Option(names = "--namespace", description = "PM2's namespace: a group of apps to target by its name.")
        String namespace;

        @Option(
                names = {"-i", "--instances"},
                description = "Number of instances, or max.")
        String instances;

        @Option(names = "--cwd", description = "Working directory.")
        Path cwd;

        @Option(names = "--interpreter", description = "Interpreter (default: by extension; none = run directly).")
        String interpreter;

        @Option(
                names = "--env",
                description = "K=V to add to the environment (repeatable); with an ecosystem "
                        + "file, a name picks env_<name>.")
        List<String> env = new ArrayList<>();

        @Option(names = "--kill-timeout", paramLabel = "MS")
        Long killTimeout;

        @Option(names = "--max-restarts")
        Integer maxRestarts;

        @Option(
                names = "--stop-exit-codes",
                paramLabel = "CODE",
                arity = "1..*",
                split = ",",
                description = "Exit codes after which the app is not restarted (stop_exit_codes).")
        List<String> stopExitCodes;

        @Option(names = "--min-uptime", paramLabel = "MS")
        String minUptime;

        @Option(names = "--restart-delay", paramLabel = "MS")
        String restartDelay;

        @Option(names = "--exp-backoff-restart-delay", paramLabel = "MS")
        String expBackoff;

        @Option(names = "--max-memory-restart", paramLabel = "SIZE", description = "e.g. 200M")
        String maxMemoryRestart;

        @Option(names = "--no-autorestart", description = "Do not restart the app when it exits.")
        boolean noAutorestart;

        @Option(names = "--kill-signal", paramLabel = "SIG")
        String killSignal;

        @Option(
                names = "--shutdown-with-message",
                description = "A stop sends node's 'shutdown' message instead of the kill signal, as PM2.")
        boolean shutdownWithMessage;

        @Option(names = "--cluster", description = "Cluster mode: workers behind jpm's balancer on --port.")
        boolean cluster;

        @Option(names = "--port", description = "The public port of a cluster.")
        Integer port;

        @Option(
                names = "--bind",
                paramLabel = "ADDR",
                description = "The address a cluster's balancer binds (default: all); the host key. "
                        + "(--host names the jpm host that runs the command.)")
        String bind;

        @Option(
                names = "--balance",
                paramLabel = "HOW",
                description = "Cluster: round-robin (default) or least-connections.")
        String balance;

        @Option(names = "--wait-ready", description = "Cluster: a worker is ready when it prints --ready-line.")
        boolean waitReady;

        @Option(names = "--ready-line", paramLabel = "TEXT", description = "With --wait-ready: the stdout text.")
        String readyLine;

        @Option(
                names = "--listen-timeout",
                paramLabel = "MS",
                description = "Cluster: how long a worker may take to be ready.")
        String listenTimeout;

        @Option(
                names = "--drain-timeout",
                paramLabel = "MS",
                description = "Cluster: how long a leaving worker's connections may take.")
        String drainTimeout;

        @Option(
                names = "--listen-mode",
                paramLabel = "MODE",
                description = "Cluster: proxy (jpm's balancer, the default) or socket (workers accept on fd 3).")
        String listenMode;

        @Option(
                names = "--listen-path",
                paramLabel = "PATH",
                description = "Cluster, socket mode: listen on this Unix socket instead of a TCP port.")
        String listenPath;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "The stdout log file (out_file).")
        Path output;

        @Option(
                names = {"-e", "--error"},
                paramLabel = "FILE",
                description = "The stderr log file (error_file).")
        Path error;

        @Option(
                names = {"-l", "--log"},
                paramLabel = "FILE",
                arity = "0..1",
                fallbackValue = "",
                description = "One more log file that takes stdout and stderr (log_file); alone: <name>.log in the "
                        + "logs folder.")
        String log;

        @Option(
                names = {"-p", "--pid"},
                paramLabel = "FILE",
                description = "Where each worker writes its pid (pid_file).")
        Path pid;

        @Option(
                names = "--log-type",
                paramLabel = "TYPE",
                description = "json: each log line as a JSON object, as PM2 writes it (log_type).")
        String logType;

        @Option(
                names = {"-x", "--execute-command"},
                description = "Fork mode, the default (PM2's flag); not with --cluster.")
        boolean forkMode;

        @Option(names = "--merge-logs", description = "One log file pair for all instances.")
        boolean mergeLogs;

        @Option(names = "--no-time", description = "Do not prefix log lines with a timestamp.")
        boolean noTime;

        @Option(
                names = {"--no-automation", "--no-pmx", "--no-vizion"},
                description = "PM2's switches that turn PM2.io's probes or vizion off: jpm has neither; accepted.")
        boolean[] withoutPm2Io;

        @Option(names = "--only", description = "With an ecosystem file: only these apps (comma-separated).")
        String only;

        @Option(
                names = {"-f", "--force"},
                description = "Start the script again even if its app runs (adds its instances to that app).")
        boolean force;

        @Option(
                names = "--watch",
                arity = "0..1",
                fallbackValue = "",
                paramLabel = "PATHS",
                description = "Restart on file changes: in the cwd, or in these paths (comma-separated).")
        String watch;

        @Option(
                names = "--ignore-watch",
                paramLabel = "PATTERNS",
                description = "With --watch: globs or regexes to ignore (comma- or space-separated).")
        String ignoreWatch;

        @Option(names = "--watch-delay", paramLabel = "MS", description = "With --watch: quiet time before a restart.")
        String watchDelay;

        @Option(
                names = {"--cron-restart", "--cron"},
                paramLabel = "CRON",
                description = "Restart on a cron schedule (5 fields, or 6 with seconds first).")
        String cronRestart;

        @Option(
                names = "--liveness-http",
                paramLabel = "PATH",
                description = "Restart a worker whose GET PATH on its PORT fails 3 times in a row (every 10 s).")
        String livenessHttp;

        @Option(
                names = "--readiness-http",
                paramLabel = "PATH",
                description = "Keep a cluster worker out of rotation while its GET PATH on its PORT fails.")
        String readinessHttp;
        /** With an ecosystem file, apps that exist are reloaded instead of restarted (startOrReload). */
        boolean reloadExisting;

        /**
         * PM2's {@code restart FILE} and {@code reload FILE}: the start of an ecosystem file whose apps that exist
         * restart (reload) with the file's settings and environment, and whose others start (startOrRestart); empty
         * when the targets are not one ecosystem file. {@code --env NAME} goes only with a file, as in PM2.
         */
        static Optional<Start> ofFile(Jpm jpm, List<String> targets, String profile, boolean reload) {
            Start start = new Start();
            start.jpm = jpm;
            start.target = targets.get(0);
            if (targets.size() == 1 && start.isEcosystem()) {
                if (profile != null) start.env.add(profile);
                start.reloadExisting = reload;
                return Optional.of(start);
            }
            if (profile != null) throw new CliException("--env NAME goes with an ecosystem file: " + targets, 2);
            return Optional.empty();
        }

        /** Whether the target is an ecosystem file (else a script or a command). */
        boolean isEcosystem() {
            return Files.isRegularFile(jpm.cwd().resolve(target)) && EcosystemFileNames.isEcosystemFile(target);
        }

        @Override
        public Integer call() {
            if (StdinProcessFile.DASH.equals(target)) return started(jpm.call(fromStdin()));
            Path file = jpm.cwd().resolve(target);
            boolean ecosystem = isEcosystem();
            Map<String, String> clientEnv = new LinkedHashMap<>(jpm.env());
            Results.Started result;
            if (ecosystem) {
                String profile = null;
                for (String e : env) {
                    if (e.contains("=")) {
                        throw new CliException(
                                "--env K=V goes with a script; with an ecosystem file --env names a "
                                        + "profile (env_<name>): " + e,
                                2);
                    }
                    profile = e;
                }
                result = jpm.call(new Request.Start(
                        List.of(),
                        clientEnv,
                        jpm.cwd().toString(),
                        profile,
                        file.toAbsolutePath().normalize().toString(),
                        only,
                        false,
                        reloadExisting));
            } else {
                result = jpm.call(new Request.Start(
                        scriptApps(), clientEnv, jpm.cwd().toString(), null, null, null, force, false));
            }
            return started(result);
        }

        private int started(Results.Started result) {
            for (String w : result.warnings()) jpm.err().println("jpm: warning: " + w);
            for (String s : result.started()) jpm.out().println("started " + s);
            ListView.print(jpm, result.workers());
            return 0;
        }

        /**
         * The apps of a script start: one per script before {@code --} (PM2's {@code pm2 start a.js b.js}), each
         * with the options and the arguments given after {@code --}.
         */
        private List<com.fasterxml.jackson.databind.JsonNode> scriptApps() {
            List<String> original = spec.commandLine().getParseResult().originalArgs();
            int dash = original.indexOf("--");
            int afterDash = dash < 0 ? 0 : original.size() - dash - 1;
            int moreScripts = Math.max(0, args.size() - afterDash);
            List<String> scripts = new ArrayList<>();
            scripts.add(target);
            scripts.addAll(args.subList(0, moreScripts));
            if (scripts.size() > 1 && name != null)
                throw new CliException("--name goes with one script; got " + scripts.size() + ": " + scripts, 2);
            List<String> appArgs = args.subList(moreScripts, args.size());
            List<com.fasterxml.jackson.databind.JsonNode> apps = new ArrayList<>();
            for (String script : scripts) apps.add(appNode(script, appArgs));
            return apps;
        }

        /** {@code jpm start -}: a process file in JSON on stdin, as PM2's. */
        private Request.Start fromStdin() {
            return new Request.Start(
                    StdinProcessFile.apps(System.in),
                    new LinkedHashMap<>(jpm.env()),
                    jpm.cwd().toString(),
                    null,
                    null,
                    only,
                    force,
                    false);
        }

        private static void words(ArrayNode into, String list, String separator) {
            for (String w : list.trim().split(separator)) {
                if (!w.isBlank()) into.add(w.trim());
            }
        }

        /** {@code key: {http_get: {path}}}, the common case of a probe. */
        private static void httpProbe(ObjectNode app, String key, String path) {
            app.putObject(key).putObject("http_get").put("path", path);
        }

        /**
         * The app object of a script started from the command line: each option under the ecosystem key the engine
         * declares for it (its {@code Settings}; {@code StartFlagsTest} holds the two to each other).
         */
        ObjectNode appNode(String script, List<String> args) {
            ObjectNode app = Json.MAPPER.createObjectNode();
            app.put("script", script);
            if (name != null) app.put("name", name);
            if (namespace != null) app.put("namespace", namespace);
            if (instances != null) app.put("instances", instances);
            if (cwd != null) app.put("cwd", jpm.cwd().resolve(cwd).toString());
            if (interpreter != null) app.put("interpreter", interpreter);
            if (!args.isEmpty()) {
                ArrayNode a = app.putArray("args");
                args.forEach(a::add);
            }
            if (!env.isEmpty()) {
                ObjectNode e = app.putObject("env");
                for (String kv : env) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new CliException("--env takes K=V with a script: " + kv, 2);
                    e.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            if (killTimeout != null) app.put("kill_timeout", killTimeout);
            if (maxRestarts != null) app.put("max_restarts", maxRestarts);
            if (stopExitCodes != null) stopExitCodes.forEach(app.withArray("stop_exit_codes")::add);
            if (minUptime != null) app.put("min_uptime", minUptime);
            if (restartDelay != null) app.put("restart_delay", restartDelay);
            if (expBackoff != null) app.put("exp_backoff_restart_delay", expBackoff);
            if (maxMemoryRestart != null) app.put("max_memory_restart", maxMemoryRestart);
            if (noAutorestart) app.put("autorestart", false);
            if (killSignal != null) app.put("kill_signal", killSignal);
            if (shutdownWithMessage) app.put("shutdown_with_message", true);
            if (cluster && forkMode) throw new CliException("-x (fork mode) and --cluster exclude each other", 2);
            if (cluster) app.put("exec_mode", "cluster");
            if (output != null) app.put("out_file", jpm.cwd().resolve(output).toString());
            if (error != null) app.put("error_file", jpm.cwd().resolve(error).toString());
            if (log != null && log.isEmpty()) app.put("log_file", true);
            if (log != null && !log.isEmpty())
                app.put("log_file", jpm.cwd().resolve(log).toString());
            if (pid != null) app.put("pid_file", jpm.cwd().resolve(pid).toString());
            if (logType != null) app.put("log_type", logType);
            if (port != null) app.put("port", port);
            if (bind != null) app.put("host", bind);
            if (balance != null) app.put("balance", balance);
            if (waitReady) app.put("wait_ready", true);
            if (readyLine != null) app.put("ready_line", readyLine);
            if (listenTimeout != null) app.put("listen_timeout", listenTimeout);
            if (watch != null && watch.isBlank()) app.put("watch", true);
            if (watch != null && !watch.isBlank()) words(app.putArray("watch"), watch, ",");
            if (ignoreWatch != null) words(app.putArray("ignore_watch"), ignoreWatch, "[,\\s]+");
            if (watchDelay != null) app.put("watch_delay", watchDelay);
            if (cronRestart != null) app.put("cron_restart", cronRestart);
            if (livenessHttp != null) httpProbe(app, "liveness_probe", livenessHttp);
            if (readinessHttp != null) httpProbe(app, "readiness_probe", readinessHttp);
            if (drainTimeout != null) app.put("drain_timeout", drainTimeout);
            if (listenMode != null) app.put("listen_mode", listenMode);
            if (listenPath != null)
                app.put("listen_path", Path.of(listenPath).toAbsolutePath().toString());
            if (mergeLogs) app.put("merge_logs", true);
            if (noTime) app.put("time", false);
            return app;
        }
    }

    @Command(
            name = "list",
            aliases = {"ls", "ps", "status"},
            description = "List every worker.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Option(names = "--json", description = "A JSON array, one object per worker (a stable format).")
        boolean json;

        @Option(
                names = "--sort",
                paramLabel = "FIELD[:asc|desc]",
                description = "Sort by name, id, pid, cpu, memory, uptime, restarts or status.")
        String sort;

        @Option(
                names = "--hosts",
                paramLabel = "all|A,B",
                description = "Ask these hosts (jpm hosts) at once: one table with a host column.")
        String hosts;

        @Option(
                names = "--timeout",
                paramLabel = "MS",
                defaultValue = "3000",
                description = "With --hosts: how long to wait for each host (default ${DEFAULT-VALUE}).")
        long timeoutMs;

        @Override
        public Integer call() throws Exception {
            if (hosts != null) return FleetList.print(jpm, hosts, timeoutMs, json);
            WorkerOrder order = sort == null ? null : WorkerOrder.parse(sort);
            Results.Workers rows = jpm.call(new Request.ListWorkers());
            if (json) {
                jpm.out().println(new String(Wire.bytes(rows), StandardCharsets.UTF_8));
            } else {
                ListView.print(jpm, order == null ? rows.workers() : order.sort(rows.workers()));
            }
            return 0;
        }
    }

    @Command(
            name = "describe",
            aliases = {"show", "info", "desc"},
            description = "Show an app's or worker's details.")
    static final class Describe implements Callable<Integer> {
        @ParentCommand
        Jpm jpm;

        @Parameters(paramLabel = "APP|ID")
        String target;

        @Option(names = "--json")
        boolean json;

        @Option(names = "--show-env", description = "Show the values of secret-looking variables too.")
        boolean showEnv;

        @Override
        public Integer call() throws Exception {
            Results.Details r = jpm.call(new Request.Describe(target, showEnv));
            if (json) {
                jpm.out().println(new String(Wire.bytes(r, true), StandardCharsets.UTF_8));
            } else {
                DescribeView.print(jpm, r.workers());
            }
            return 0;
        }
    }

    /**
     * stop, restart, reload and delete share their shape: one or more targets, each sent in turn (as PM2's); a target
     * that matches nothing is one line on stderr, the others still run, and the exit code is 1.
     */
    abstract static class TargetCommand<R extends WireValue> implements Callable<Integer> {
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
            return Start.ofFile(jpm, targets, profile, false).map(Start::call).orElseGet(super::call);
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
            return Start.ofFile(jpm, targets, profile, true).map(Start::call).orElseGet(super::call);
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

    @Command(name = "reset", description = "Zero the restart counters of an app, a worker or all.")
    static final class Reset extends TargetCommand<Results.ResetDone> {
        Request<Results.ResetDone> request(String target) {
            return new Request.Reset(target);
        }

        String verb() {
            return "reset";
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
