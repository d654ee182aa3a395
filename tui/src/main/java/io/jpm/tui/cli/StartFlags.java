package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.Json;
import io.jpm.tui.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code jpm start} that set app keys, and the app object they make for a script. It is long because it
 * is a table: one option per key the engine declares a flag for (its {@code Settings}), and one line per option in
 * {@link #appNode}; {@code StartFlagsTest} holds the two to each other.
 */
final class StartFlags {
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
            description =
                    "K=V to add to the environment (repeatable); with an ecosystem " + "file, a name picks env_<name>.")
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
     * declares for it (its {@code Settings}; {@code StartFlagsTest} holds the two to each other); relative paths
     * resolve against {@code base}, the directory {@code jpm} runs in.
     */
    ObjectNode appNode(Path base, String script, List<String> args) {
        ObjectNode app = Json.MAPPER.createObjectNode();
        app.put("script", script);
        if (name != null) app.put("name", name);
        if (namespace != null) app.put("namespace", namespace);
        if (instances != null) app.put("instances", instances);
        if (cwd != null) app.put("cwd", base.resolve(cwd).toString());
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
        if (output != null) app.put("out_file", base.resolve(output).toString());
        if (error != null) app.put("error_file", base.resolve(error).toString());
        if (log != null && log.isEmpty()) app.put("log_file", true);
        if (log != null && !log.isEmpty()) app.put("log_file", base.resolve(log).toString());
        if (pid != null) app.put("pid_file", base.resolve(pid).toString());
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
