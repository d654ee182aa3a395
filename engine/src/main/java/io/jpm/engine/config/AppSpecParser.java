package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one app of a PM2 ecosystem file, or the options of {@code jpm start}, into a validated {@link AppSpec}.
 *
 * <p>Every problem of an app is collected and reported together in one {@link ConfigException}; keys jpm does not
 * use become warnings, never silently dropped. The parser is immutable: {@code with…} methods return a copy.
 *
 * <p>The worker environment is the client's environment, then {@code env}, then {@code env_<profile>}, later keys
 * winning; a JSON null value removes a variable. Relative paths ({@code cwd}, {@code script}, log files) resolve
 * against the base folder and then the app's {@code cwd}, and {@code ~} is the client's HOME.
 */
public final class AppSpecParser {

    /** An app that parsed, with what was ignored or adjusted along the way. */
    public record Parsed(AppSpec spec, List<String> warnings) {
        public Parsed {
            Objects.requireNonNull(spec, "spec");
            warnings = List.copyOf(warnings);
        }
    }

    public static final int DEFAULT_MAX_RESTARTS = 16;
    public static final long DEFAULT_MIN_UPTIME_MS = 1000;
    public static final long DEFAULT_KILL_TIMEOUT_MS = 1600; // PM2's
    public static final String DEFAULT_KILL_SIGNAL = "SIGINT";
    public static final long DEFAULT_LISTEN_TIMEOUT_MS = 3000;
    public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5000;
    public static final int MAX_INSTANCES = 1024;

    private static final Set<String> KNOWN = Set.of(
            "name",
            "script",
            "args",
            "interpreter",
            "interpreter_args",
            "node_args",
            "cwd",
            "env",
            "instances",
            "exec_mode",
            "autorestart",
            "max_restarts",
            "min_uptime",
            "restart_delay",
            "exp_backoff_restart_delay",
            "stop_exit_codes",
            "kill_timeout",
            "max_memory_restart",
            "instance_var",
            "out_file",
            "error_file",
            "output",
            "error",
            "log_date_format",
            "merge_logs",
            "combine_logs",
            "port",
            "kill_signal",
            "time",
            "wait_ready",
            "ready_line",
            "listen_timeout",
            "drain_timeout",
            "log_max_size",
            "log_keep",
            "log_compress",
            "host",
            "metrics_tree",
            "balance",
            "watchdog_sec");

    /** PM2 keys jpm does not implement (yet), with the value that asks for what jpm does anyway, if any. */
    private static final Map<String, Object> UNSUPPORTED = unsupported();

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

    private final Map<String, String> baseEnv;
    private final Path baseCwd;
    private final String profile;
    private final ExecutableLookup lookup;
    private final int processors;

    /**
     * @param baseEnv the environment of the {@code jpm start} client
     * @param baseCwd the ecosystem file's folder, or the client's folder for {@code jpm start <script>}
     */
    public AppSpecParser(Map<String, String> baseEnv, Path baseCwd) {
        this(
                baseEnv,
                baseCwd,
                null,
                ExecutableLookup.onPath(),
                Runtime.getRuntime().availableProcessors());
    }

    private AppSpecParser(
            Map<String, String> baseEnv, Path baseCwd, String profile, ExecutableLookup lookup, int processors) {
        this.baseEnv = Map.copyOf(Objects.requireNonNull(baseEnv, "baseEnv"));
        this.baseCwd =
                Objects.requireNonNull(baseCwd, "baseCwd").toAbsolutePath().normalize();
        this.profile = profile;
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        if (processors < 1) throw new IllegalArgumentException("processors < 1: " + processors);
        this.processors = processors;
    }

    /** Also applies {@code env_<profile>} ({@code --env production}); null for none. */
    public AppSpecParser withProfile(String profile) {
        if (profile != null && !profile.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad env profile name: \"" + profile + "\"");
        }
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors);
    }

    public AppSpecParser withLookup(ExecutableLookup lookup) {
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors);
    }

    /** The processor count behind {@code instances: "max"}, 0 and negative counts. */
    public AppSpecParser withProcessors(int processors) {
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors);
    }

    /** Parses every app, reporting the problems of all of them together, and duplicate names. */
    public List<Parsed> parseAll(List<? extends JsonNode> apps) throws ConfigException {
        List<Parsed> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode app : apps) {
            try {
                Parsed p = parse(app);
                if (seen.merge(p.spec().name(), 1, Integer::sum) == 2) {
                    problems.add("app \"" + p.spec().name() + "\": name: used by more than one app");
                }
                parsed.add(p);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return List.copyOf(parsed);
    }

    public Parsed parse(JsonNode app) throws ConfigException {
        if (app == null || !app.isObject()) throw new ConfigException("an app must be a JSON object, not: " + app);
        AppReader r = new AppReader(app, label(app));
        checkKeys(app, r);

        String name = name(app, r);
        Path cwd = cwd(r);
        Map<String, String> env = env(app, r);
        String script = r.string("script");
        if (script == null && !r.has("script")) r.error("script", "missing");
        List<String> args = orEmpty(r.words("args"));
        List<String> interpreterArgs = interpreterArgs(r);
        String interpreter = r.string("interpreter");
        List<String> command = script == null || cwd == null
                ? null
                : new CommandBuilder(r, cwd, env, lookup).build(script, args, interpreter, interpreterArgs);

        int instances = instances(r);
        AppSpec.ExecMode mode = mode(r);
        int port = r.integer("port", 0, 0, 65535);
        if (mode == AppSpec.ExecMode.CLUSTER && port == 0 && !r.has("port")) {
            String hint = env.containsKey("PORT") ? " (env PORT=" + env.get("PORT") + " is not used for this)" : "";
            r.error("port", "missing; cluster mode needs the public port to balance" + hint);
        }
        Path outFile = logFile(r, cwd, "out_file", "output");
        Path errorFile = logFile(r, cwd, "error_file", "error");
        boolean timestamps = r.bool("time", true);
        String dateFormat = dateFormat(r);
        if (!timestamps && dateFormat != null) r.warn("log_date_format was ignored: time is false");
        boolean waitReady = r.bool("wait_ready", r.has("ready_line"));
        String readyLine = nonEmpty(r, "ready_line");
        if (!waitReady && readyLine != null) {
            r.warn("ready_line was ignored: wait_ready is false");
            readyLine = null;
        }
        long logMaxSize = r.bytes("log_max_size", AppSpec.LogRotation.DEFAULT.maxBytes());
        if (logMaxSize < 1024) r.error("log_max_size", r.get("log_max_size"), "is below 1024 bytes");
        int logKeep = r.integer("log_keep", AppSpec.LogRotation.DEFAULT.keep(), 1, 1000);
        boolean logCompress = r.bool("log_compress", AppSpec.LogRotation.DEFAULT.compress());
        String instanceVar = r.string("instance_var");
        if (instanceVar != null && !instanceVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            r.error("instance_var", r.get("instance_var"), "is not a valid variable name");
        }

        AppSpec spec = null;
        long minUptime = r.millis("min_uptime", DEFAULT_MIN_UPTIME_MS);
        long restartDelay = r.millis("restart_delay", 0);
        long backoff = r.millis("exp_backoff_restart_delay", 0);
        long killTimeout = r.millis("kill_timeout", DEFAULT_KILL_TIMEOUT_MS);
        long listenTimeout = r.millis("listen_timeout", DEFAULT_LISTEN_TIMEOUT_MS);
        long drainTimeout = r.millis("drain_timeout", DEFAULT_DRAIN_TIMEOUT_MS);
        boolean autorestart = r.bool("autorestart", true);
        int maxRestarts = r.integer("max_restarts", DEFAULT_MAX_RESTARTS, 0, Integer.MAX_VALUE);
        var stopExitCodes = r.exitCodes("stop_exit_codes");
        long maxMemory = r.bytes("max_memory_restart", 0);
        String killSignal = killSignal(r);
        boolean mergeLogs = r.bool("merge_logs", false) | r.bool("combine_logs", false);
        String host = nonEmpty(r, "host");
        boolean metricsTree = r.bool("metrics_tree", false);
        AppSpec.Balance balance = balance(r);
        long watchdogMs = watchdogMs(r);
        if (!r.hasErrors()) {
            spec = new AppSpec(
                    name,
                    command,
                    script,
                    cwd,
                    env,
                    instances,
                    mode,
                    autorestart,
                    maxRestarts,
                    minUptime,
                    restartDelay,
                    backoff,
                    stopExitCodes,
                    killTimeout,
                    killSignal,
                    maxMemory,
                    instanceVar,
                    outFile,
                    errorFile,
                    dateFormat,
                    timestamps,
                    mergeLogs,
                    port,
                    host,
                    waitReady,
                    readyLine,
                    listenTimeout,
                    drainTimeout,
                    new AppSpec.LogRotation(logMaxSize, logKeep, logCompress),
                    metricsTree,
                    balance,
                    watchdogMs);
        }
        if (r.hasErrors()) throw new ConfigException(r.errors());
        return new Parsed(spec, r.warnings());
    }

    /**
     * The name an app gets without a {@code name} key: the script's file name without its extension, the first
     * word only when the script is a command line ({@code "python3 -m http.server"} is {@code python3}).
     */
    static String defaultName(String script) {
        String first = script.strip();
        int blank = indexOfWhitespace(first);
        if (blank > 0) first = first.substring(0, blank);
        String base = first.substring(first.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** The app's name as its messages and {@code --only} know it: {@code name}, else the default name. */
    static String label(JsonNode app) {
        JsonNode name = app.get("name");
        if (name != null && name.isTextual()) return name.asText();
        JsonNode script = app.get("script");
        if (script != null && script.isTextual() && !script.asText().isBlank()) return defaultName(script.asText());
        return "?";
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) return i;
        }
        return -1;
    }

    private void checkKeys(JsonNode app, AppReader r) {
        for (Map.Entry<String, JsonNode> field : app.properties()) {
            String key = field.getKey();
            JsonNode v = field.getValue();
            if (KNOWN.contains(key)) continue;
            if (key.startsWith("env_")) {
                boolean active = profile != null && key.equals("env_" + profile); // applyEnv reports that one
                if (!active && !v.isObject() && !v.isNull()) {
                    r.warn("key \"" + key + "\" is not an object of variables and was ignored");
                }
                continue;
            }
            if (UNSUPPORTED.containsKey(key)) {
                Object harmless = UNSUPPORTED.get(key);
                boolean asJpmDoes = v.isNull() || harmless instanceof Boolean b && v.isBoolean() && v.asBoolean() == b;
                if (!asJpmDoes) r.warn("key \"" + key + "\" is not supported yet and was ignored");
            } else {
                r.warn("key \"" + key + "\" is not a PM2 or jpm key and was ignored");
            }
        }
    }

    private static String name(JsonNode app, AppReader r) {
        String name = r.string("name");
        if (name == null) {
            String label = label(app);
            return label.equals("?") ? "app" : label;
        }
        if (name.isBlank()) {
            r.error("name", r.get("name"), "is empty");
        } else if (name.contains("/") || name.chars().anyMatch(Character::isISOControl)) {
            r.error("name", r.get("name"), "must not contain \"/\" or control characters");
        } else if (name.equals("all")) {
            r.error("name", r.get("name"), "is reserved: \"all\" means every app in commands");
        }
        return name;
    }

    private Path cwd(AppReader r) {
        String cwd = r.string("cwd");
        if (cwd == null) return r.has("cwd") ? null : baseCwd;
        Path p = UserPath.resolve(baseCwd, cwd, baseEnv);
        if (!Files.isDirectory(p)) {
            r.error("cwd", r.get("cwd"), "is not a folder");
            return null;
        }
        return p;
    }

    private Map<String, String> env(JsonNode app, AppReader r) {
        Map<String, String> env = new LinkedHashMap<>(baseEnv);
        applyEnv(r, "env", env);
        if (profile != null) {
            if (app.has("env_" + profile)) {
                applyEnv(r, "env_" + profile, env);
            } else {
                r.warn("no env_" + profile + " block; only env applies");
            }
        }
        return env;
    }

    private static void applyEnv(AppReader r, String key, Map<String, String> env) {
        JsonNode block = r.get(key);
        if (block == null) return;
        if (!block.isObject()) {
            r.error(key, block, "is not an object of variables");
            return;
        }
        for (Map.Entry<String, JsonNode> e : block.properties()) {
            String var = e.getKey();
            if (var.isEmpty() || var.contains("=") || var.indexOf('\0') >= 0) {
                r.error(key, "variable name " + CommandBuilder.quote(var) + " is not valid");
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                env.remove(var);
            } else {
                String value = v.isValueNode() ? v.asText() : v.toString(); // objects and lists as JSON, as PM2
                if (value.indexOf('\0') >= 0) r.error(key, "value of " + var + " holds a NUL character");
                env.put(var, value);
            }
        }
    }

    private static List<String> interpreterArgs(AppReader r) {
        List<String> args = r.words("interpreter_args");
        List<String> nodeArgs = r.words("node_args");
        if (args != null && nodeArgs != null) r.warn("node_args was ignored: interpreter_args is set");
        return orEmpty(args != null ? args : nodeArgs);
    }

    private int instances(AppReader r) {
        JsonNode v = r.get("instances");
        if (v == null) return 1;
        Long n =
                v.isTextual() && v.asText().trim().equalsIgnoreCase("max") ? Long.valueOf(0) : AppReader.wholeNumber(v);
        if (n == null) {
            r.error("instances", v, "is not a number or \"max\"");
            return 1;
        }
        long count = n == 0 ? processors : n < 0 ? Math.max(1, processors + n) : n; // PM2: -1 is all CPUs but one
        if (count > MAX_INSTANCES) {
            r.error("instances", v, "is above " + MAX_INSTANCES);
            return 1;
        }
        return (int) count;
    }

    /** {@code watchdog_sec}: seconds as a number (as systemd's WatchdogSec=), or a duration such as "1500ms"; 0 = off. */
    private static long watchdogMs(AppReader r) {
        JsonNode v = r.get("watchdog_sec");
        if (v != null && v.isNumber()) {
            if (v.asDouble() < 0) {
                r.error("watchdog_sec", v, "is negative");
                return 0;
            }
            return Math.round(v.asDouble() * 1000);
        }
        return r.millis("watchdog_sec", 0);
    }

    private static AppSpec.Balance balance(AppReader r) {
        String b = r.string("balance");
        if (b == null) return AppSpec.Balance.ROUND_ROBIN;
        return switch (b.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "round_robin", "roundrobin", "rr" -> AppSpec.Balance.ROUND_ROBIN;
            case "least_connections", "least_conn", "leastconn" -> AppSpec.Balance.LEAST_CONNECTIONS;
            default -> {
                r.error("balance", r.get("balance"), "is not \"round-robin\" or \"least-connections\"");
                yield AppSpec.Balance.ROUND_ROBIN;
            }
        };
    }

    private static AppSpec.ExecMode mode(AppReader r) {
        String mode = r.string("exec_mode");
        if (mode == null) return AppSpec.ExecMode.FORK;
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "fork", "fork_mode" -> AppSpec.ExecMode.FORK;
            case "cluster", "cluster_mode" -> AppSpec.ExecMode.CLUSTER;
            default -> {
                r.error("exec_mode", r.get("exec_mode"), "is not \"fork\" or \"cluster\"");
                yield AppSpec.ExecMode.FORK;
            }
        };
    }

    /** A log path: PM2's {@code NULL} or {@code /dev/null} discard, else relative to the app's cwd. */
    private Path logFile(AppReader r, Path cwd, String key, String alias) {
        String key1 = r.has(key) ? key : alias;
        if (r.has(key) && r.has(alias)) r.warn(alias + " was ignored: " + key + " is set");
        String value = r.string(key1);
        if (value == null) return null;
        if (value.isBlank()) {
            r.error(key1, r.get(key1), "is empty");
            return null;
        }
        if (value.equals("NULL") || value.equals("/dev/null")) return Path.of("/dev/null");
        return UserPath.resolve(cwd == null ? baseCwd : cwd, value, baseEnv);
    }

    private static String dateFormat(AppReader r) {
        String moment = r.string("log_date_format");
        if (moment == null) return null;
        try {
            return MomentFormat.toJava(moment);
        } catch (IllegalArgumentException e) {
            r.error("log_date_format", r.get("log_date_format"), e.getMessage());
            return null;
        }
    }

    private static String killSignal(AppReader r) {
        String s = r.string("kill_signal");
        if (s == null) return DEFAULT_KILL_SIGNAL;
        String upper = s.trim().toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper : "SIG" + upper;
        if (!SIGNALS.contains(name)) {
            r.error("kill_signal", r.get("kill_signal"), "is not a signal jpm can send");
            return DEFAULT_KILL_SIGNAL;
        }
        return name;
    }

    private static String nonEmpty(AppReader r, String key) {
        String s = r.string(key);
        if (s != null && s.isEmpty()) {
            r.error(key, r.get(key), "is empty");
            return null;
        }
        return s;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Object> unsupported() {
        Map<String, Object> m = new HashMap<>();
        for (String key : List.of(
                "ignore_watch",
                "watch_options",
                "watch_delay",
                "cron_restart",
                "log_file",
                "log_type",
                "increment_var",
                "namespace",
                "version",
                "post_update",
                "force",
                "append_env_to_name",
                "uid",
                "gid",
                "user",
                "pid_file",
                "filter_env",
                "exec_interpreter",
                "shutdown_with_message",
                "kill_retry_time",
                "windowsHide",
                "deep_monitoring",
                "trace",
                "disable_trace",
                "treekill")) {
            m.put(key, "");
        }
        m.put("watch", false);
        m.put("vizion", false);
        m.put("pmx", false);
        m.put("automation", false);
        m.put("source_map_support", false);
        m.put("disable_source_map_support", true);
        m.put("autostart", true);
        return Map.copyOf(m);
    }
}
