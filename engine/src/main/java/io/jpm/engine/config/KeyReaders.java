package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The readings of keys that have rules of their own, beyond a plain string, number, duration or size: each is the
 * reader of one declaration in {@link Settings}.
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

    /** A log (or pid) path: PM2's {@code NULL} or {@code /dev/null} discard, else relative to the app's cwd. */
    static Path logFile(Reading in, AppKey key) {
        AppReader r = in.r;
        String value = r.string(key);
        if (value == null) return null;
        if (value.isBlank()) {
            r.error(key, r.get(key), "is empty");
            return null;
        }
        if (value.equals("NULL") || value.equals("/dev/null")) return Path.of("/dev/null");
        Path cwd = in.get(Settings.CWD);
        return UserPath.resolve(cwd == null ? in.parser.baseCwd : cwd, value, in.parser.baseEnv);
    }

    /**
     * PM2's {@code log_type}: {@code "json"} writes each line as a JSON object; {@code "raw"} (PM2's default) not;
     * anything else is a warning (PM2 ignores it), never a failed start.
     */
    static boolean jsonLines(Reading in) {
        String type = in.r.string(Settings.LOG_TYPE.key());
        if (type == null || type.equals("raw")) return false;
        if (type.equals("json")) return true;
        in.r.warn("log_type " + in.r.get(Settings.LOG_TYPE.key()) + " is not json or raw; lines are written raw");
        return false;
    }

    /**
     * PM2's {@code log_file}, the file of both streams: {@code true} is {@code <name>.log} in JPM_HOME/logs (a
     * relative path, which the app's logs resolve there), {@code false} none, a string a path as for
     * {@code out_file}.
     */
    static Path combinedLog(Reading in) {
        JsonNode v = in.r.get(Settings.LOG_FILE.key());
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) {
            String name = in.get(Settings.NAME);
            return v.booleanValue() && name != null ? Path.of(name + ".log") : null;
        }
        return logFile(in, Settings.LOG_FILE.key());
    }

    /**
     * {@code log_date_format}: a moment token jpm cannot translate is a warning and the default format applies, so
     * that a log format never stops an app from starting.
     */
    static String dateFormat(Reading in) {
        AppReader r = in.r;
        String moment = r.string(Settings.LOG_DATE_FORMAT.key());
        if (moment == null) return null;
        String format;
        try {
            format = MomentFormat.toJava(moment);
        } catch (IllegalArgumentException e) {
            r.warn("log_date_format " + r.get(Settings.LOG_DATE_FORMAT.key()) + " " + e.getMessage()
                    + "; the default format is used");
            return null;
        }
        if (!in.getOrDefault(Settings.TIME)) r.warn("log_date_format was ignored: time is false");
        return format;
    }

    static long logMaxSize(Reading in) {
        long d = AppSpec.LogRotation.DEFAULT_MAX_BYTES;
        long maxSize = in.r.bytes(Settings.LOG_MAX_SIZE.key(), d);
        if (maxSize < 1024) {
            in.r.error(Settings.LOG_MAX_SIZE.key(), in.r.get(Settings.LOG_MAX_SIZE.key()), "is below 1024 bytes");
            return d;
        }
        return maxSize;
    }

    static int port(Reading in) {
        return in.r.has(Settings.PORT.key()) ? in.r.integer(Settings.PORT.key(), 0, 0, 65535) : ClusterSettings.NO_PORT;
    }

    static AppSpec.Balance balance(Reading in) {
        AppReader r = in.r;
        String b = r.string(Settings.BALANCE.key());
        if (b == null) return AppSpec.Balance.ROUND_ROBIN;
        return switch (b.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "round_robin", "roundrobin", "rr" -> AppSpec.Balance.ROUND_ROBIN;
            case "least_connections", "least_conn", "leastconn" -> AppSpec.Balance.LEAST_CONNECTIONS;
            default -> {
                r.error(
                        Settings.BALANCE.key(),
                        r.get(Settings.BALANCE.key()),
                        "is not \"round-robin\" or \"least-connections\"");
                yield AppSpec.Balance.ROUND_ROBIN;
            }
        };
    }

    /** {@code listen_mode}: proxy (the default) or socket; a {@code listen_path} alone asks for the socket mode. */
    static ClusterSettings.ListenMode listenMode(Reading in) {
        AppReader r = in.r;
        String m = r.string(Settings.LISTEN_MODE.key());
        if (m == null)
            return r.has(Settings.LISTEN_PATH.key())
                    ? ClusterSettings.ListenMode.SOCKET
                    : ClusterSettings.ListenMode.PROXY;
        return switch (m.trim().toLowerCase(Locale.ROOT)) {
            case "proxy" -> ClusterSettings.ListenMode.PROXY;
            case "socket" -> ClusterSettings.ListenMode.SOCKET;
            default -> {
                r.error(
                        Settings.LISTEN_MODE.key(),
                        r.get(Settings.LISTEN_MODE.key()),
                        "is not \"proxy\" or \"socket\"");
                yield ClusterSettings.ListenMode.PROXY;
            }
        };
    }

    /**
     * {@code listen_path}: an absolute Unix socket path, in the socket mode only; checks too that the socket mode has
     * a port or a path to listen on.
     */
    static String listenPath(Reading in) {
        AppReader r = in.r;
        String path = Strings.nonEmpty(r, Settings.LISTEN_PATH.key());
        ClusterSettings.ListenMode mode = in.getOrDefault(Settings.LISTEN_MODE);
        if (mode == ClusterSettings.ListenMode.PROXY) {
            if (path != null) r.error(Settings.LISTEN_PATH.key(), "needs listen_mode \"socket\"");
            return null;
        }
        if (in.getOrDefault(Settings.PORT) == ClusterSettings.NO_PORT && path == null) {
            r.error(Settings.LISTEN_MODE.key(), "\"socket\" needs a port or a listen_path");
        }
        if (path != null && !path.startsWith("/")) {
            r.error(Settings.LISTEN_PATH.key(), r.get(Settings.LISTEN_PATH.key()), "is not an absolute path");
            return null;
        }
        return path;
    }

    /** {@code ready_line} is only used with {@code wait_ready}, which it turns on by default. */
    static String readyLine(Reading in) {
        String readyLine = Strings.nonEmpty(in.r, Settings.READY_LINE.key());
        if (!in.getOrDefault(Settings.WAIT_READY) && readyLine != null) {
            in.r.warn("ready_line was ignored: wait_ready is false");
            return null;
        }
        return readyLine;
    }

    /** {@code watch: true} is the cwd; a string or a list names paths relative to the cwd; false or absent is off. */
    static List<String> watchPaths(Reading in) {
        AppReader r = in.r;
        JsonNode v = r.get(Settings.WATCH.key());
        Path cwd = in.get(Settings.CWD);
        if (v == null || v.isNull() || cwd == null) return List.of();
        if (v.isBoolean()
                || (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false")))) {
            return v.asText().equals("true") ? List.of(cwd.toString()) : List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : patterns(r, Settings.WATCH.key()))
            out.add(cwd.resolve(w).normalize().toString());
        return List.copyOf(out);
    }

    /** One string is one pattern or path (PM2 does not split it); a list is several. */
    static List<String> patterns(AppReader r, AppKey key) {
        JsonNode v = r.get(key);
        if (v == null || v.isNull()) return List.of();
        if (v.isTextual()) return List.of(v.asText());
        List<String> words = r.words(key);
        return words == null ? List.of() : words;
    }

    /** {@code watch_options}: an object whose fields three settings read; null when absent or not an object. */
    static JsonNode watchOptions(Reading in) {
        JsonNode options = in.r.get(Settings.WATCH_OPTIONS.key());
        if (options == null || options.isNull()) return null;
        if (!options.isObject()) {
            in.r.error(Settings.WATCH_OPTIONS.key(), options, "is not an object");
            return null;
        }
        return options;
    }

    static boolean watchPolling(Reading in) {
        JsonNode options = in.get(Settings.WATCH_OPTIONS);
        boolean polling = options != null && options.path("usePolling").asBoolean(false);
        if (polling) {
            in.r.warn("watch_options.usePolling: jpm watches with inotify, not by polling; "
                    + "usePolling and interval are kept but not used");
        }
        return polling;
    }

    static long watchIntervalMs(Reading in) {
        JsonNode options = in.get(Settings.WATCH_OPTIONS);
        long d = WatchSettings.DEFAULT_INTERVAL_MS;
        long interval = options == null ? d : options.path("interval").asLong(d);
        if (interval < 1) {
            in.r.error(Settings.WATCH_OPTIONS.key(), options, "interval < 1 ms");
            return d;
        }
        return interval;
    }

    static boolean watchFollowSymlinks(Reading in) {
        JsonNode options = in.get(Settings.WATCH_OPTIONS);
        return options == null || options.path("followSymlinks").asBoolean(true);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
