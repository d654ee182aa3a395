package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The readings of the run and restart keys that have rules of their own, beyond a plain string, number, duration or
 * size: each is the reader of one declaration in {@link Settings}. The log, cluster and watch keys have theirs in
 * {@link LogKeyReaders}, {@link ClusterKeyReaders} and {@link WatchKeyReaders}, the health probes in
 * {@link HealthReader}.
 *
 * <p>PM2's exec mode default: without {@code exec_mode}, an app run by node (or bun) whose {@code instances} is
 * given as a number of at least 1, 0, -1 or {@code "max"} runs in cluster mode; anything else in fork mode.
 */
final class KeyReaders {

    private static final Set<String> SIGNALS = Set.of(
            "SIGHUP",
            "SIGINT",
            "SIGQUIT",
            "SIGABRT",
            "SIGKILL",
            "SIGUSR1",
            "SIGUSR2",
            "SIGALRM",
            "SIGTERM",
            "SIGCONT",
            "SIGSTOP",
            "SIGTSTP",
            "SIGWINCH",
            "SIGPIPE");

    private KeyReaders() {}

    static String script(Reading in) {
        String script = in.r.string(Settings.SCRIPT.key());
        if (script == null && !in.r.has(Settings.SCRIPT.key())) in.r.error(Settings.SCRIPT.key(), "missing");
        return script;
    }

    static List<String> command(Reading in) {
        Path cwd = in.get(Settings.CWD);
        java.util.Map<String, String> env = in.get(Settings.ENV);
        String script = in.get(Settings.SCRIPT);
        List<String> args = orEmpty(in.get(Settings.ARGS));
        List<String> interpreterArgs = orEmpty(in.get(Settings.INTERPRETER_ARGS));
        String interpreter = in.get(Settings.INTERPRETER);
        if (script == null || cwd == null) return null;
        return new CommandBuilder(in.r, cwd, env, in.parser.lookup, in.parser.fileRules)
                .build(script, args, interpreter, interpreterArgs);
    }

    static Path cwd(Reading in) {
        String cwd = in.r.string(Settings.CWD.key());
        if (cwd == null) return in.r.has(Settings.CWD.key()) ? null : in.parser.baseCwd;
        Path p = UserPath.resolve(in.parser.baseCwd, cwd, in.parser.baseEnv);
        if (!Files.isDirectory(p) && in.parser.fileRules) {
            // PM2 lists such an app, errored at its launch, when its script is found elsewhere (on PATH, or by
            // an absolute path); one under the missing folder is not found, and the app is left out, as in PM2
            in.r.warn("cwd " + in.r.get(Settings.CWD.key()) + " is not a folder: the app cannot start");
            return p;
        }
        if (!Files.isDirectory(p)) {
            in.r.error(Settings.CWD.key(), in.r.get(Settings.CWD.key()), "is not a folder");
            return null;
        }
        return p;
    }

    static int instances(Reading in) {
        AppReader r = in.r;
        JsonNode v = r.get(Settings.INSTANCES.key());
        if (v == null) return 1;
        Long n =
                v.isTextual() && v.asText().trim().equalsIgnoreCase("max") ? Long.valueOf(0) : AppReader.wholeNumber(v);
        if (n == null) {
            r.error(Settings.INSTANCES.key(), v, "is not a number or \"max\"");
            return 1;
        }
        long count = n == 0
                ? in.parser.processors
                : n < 0 ? Math.max(1, in.parser.processors + n) : n; // PM2: -1 is all CPUs but one
        if (count > Run.MAX_INSTANCES) {
            r.error(Settings.INSTANCES.key(), v, "is above " + Run.MAX_INSTANCES);
            return 1;
        }
        return (int) count;
    }

    static AppSpec.ExecMode mode(Reading in) {
        AppReader r = in.r;
        String mode = r.string(Settings.EXEC_MODE.key());
        if (mode == null) {
            return !r.has(Settings.EXEC_MODE.key())
                            && runByNode(in.get(Settings.COMMAND))
                            && pm2ClusterCount(r.get(Settings.INSTANCES.key()))
                    ? AppSpec.ExecMode.CLUSTER
                    : AppSpec.ExecMode.FORK;
        }
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "fork", "fork_mode" -> AppSpec.ExecMode.FORK;
            case "cluster", "cluster_mode" -> AppSpec.ExecMode.CLUSTER;
            default -> {
                r.error(Settings.EXEC_MODE.key(), r.get(Settings.EXEC_MODE.key()), "is not \"fork\" or \"cluster\"");
                yield AppSpec.ExecMode.FORK;
            }
        };
    }

    private static boolean runByNode(List<String> command) {
        if (command == null) return false;
        Path program = Path.of(command.get(0)).getFileName();
        return program != null && program.toString().matches(".*(node|bun)");
    }

    /**
     * PM2's test {@code instances >= 1 || instances === 0 || instances === -1}, applied after PM2's schema has made a
     * number of a numeric string and 0 of {@code "max"} (PM2 7.0.4 runs {@code instances: "max"} and {@code "2"} in
     * cluster mode).
     */
    static boolean pm2ClusterCount(JsonNode v) {
        if (v == null) return false;
        if (v.isTextual() && v.asText().trim().equalsIgnoreCase("max")) return true;
        double n;
        if (v.isNumber()) {
            n = v.asDouble();
        } else if (v.isTextual()) {
            try {
                n = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            return false;
        }
        return n >= 1 || n == 0 || n == -1;
    }

    /**
     * {@code instance_var}: any name an environment can hold, as in PM2, which takes {@code "fulfillment-server"}
     * as well as {@code INSTANCE_ID} (node reads both); only an empty name, {@code =} and NUL are refused.
     */
    static String instanceVar(Reading in) {
        return envName(in, Settings.INSTANCE_VAR.key());
    }

    /** {@code increment_var}: a variable name, as {@code instance_var}. */
    static String incrementVar(Reading in) {
        return envName(in, Settings.INCREMENT_VAR.key());
    }

    private static String envName(Reading in, AppKey key) {
        String v = in.r.string(key);
        if (v != null && (v.isEmpty() || v.indexOf('=') >= 0 || v.indexOf('\0') >= 0)) {
            in.r.error(key, in.r.get(key), "is not a valid variable name");
        }
        return v;
    }

    static String namespace(Reading in) {
        String ns = in.r.string(Settings.NAMESPACE.key());
        if (ns != null && !ns.matches("[A-Za-z0-9_.@-]{1,64}")) {
            in.r.error(
                    Settings.NAMESPACE.key(),
                    in.r.get(Settings.NAMESPACE.key()),
                    "is not a namespace (letters, digits, _ . @ -)");
        }
        return ns;
    }

    /** {@code watchdog_sec}: seconds as a number (as systemd's WatchdogSec=), or a duration such as "1500ms"; 0 = off. */
    static long watchdogMs(Reading in) {
        AppReader r = in.r;
        JsonNode v = r.get(Settings.WATCHDOG_SEC.key());
        if (v != null && v.isNumber()) {
            if (v.asDouble() < 0) {
                r.error(Settings.WATCHDOG_SEC.key(), v, "is negative");
                return 0;
            }
            return Math.round(v.asDouble() * 1000);
        }
        return r.millis(Settings.WATCHDOG_SEC.key(), 0);
    }

    /** {@code cron_restart}: PM2's 5 or 6 fields (seconds first when 6); checked here so a bad one fails the start. */
    static String cron(Reading in) {
        AppReader r = in.r;
        JsonNode v = r.get(Settings.CRON_RESTART.key());
        if (v == null || v.isNull() || (v.isBoolean() && !v.asBoolean())) return null;
        if (!v.isTextual() || v.asText().isBlank()) {
            r.error(Settings.CRON_RESTART.key(), v, "is not a cron expression");
            return null;
        }
        try {
            return CronSchedule.parse(v.asText()).expression();
        } catch (IllegalArgumentException e) {
            r.error(Settings.CRON_RESTART.key(), v, e.getMessage());
            return null;
        }
    }

    static String killSignal(Reading in) {
        AppReader r = in.r;
        String s = r.string(Settings.KILL_SIGNAL.key());
        if (s == null) return RestartRules.DEFAULT_KILL_SIGNAL;
        String upper = s.trim().toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper : "SIG" + upper;
        if (!SIGNALS.contains(name)) {
            r.error(Settings.KILL_SIGNAL.key(), r.get(Settings.KILL_SIGNAL.key()), "is not a signal jpm can send");
            return RestartRules.DEFAULT_KILL_SIGNAL;
        }
        return name;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
