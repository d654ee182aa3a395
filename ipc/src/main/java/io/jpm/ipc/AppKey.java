package io.jpm.ipc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of app settings: every key of an ecosystem file that jpm reads or knows about, declared once.
 *
 * <p>It lives in {@code ipc} because both sides need it: the CLI maps {@code jpm start} flags to keys, and the engine
 * reads, validates and describes them. Each constant carries its wire name (PM2's spelling), the aliases PM2 also
 * reads, whether jpm acts on it, the {@code jpm start} flag that sets it, and where {@code describe} shows it. The
 * engine's readers take these constants rather than strings, so a key cannot be read under a name that is not
 * declared here.
 */
public enum AppKey {
    NAME("name", Use.READ, "--name", Shown.NEVER),
    SCRIPT("script", Use.READ, null, Shown.ALWAYS, "cmd"),
    ARGS("args", Use.READ, null, Shown.NEVER),
    INTERPRETER("interpreter", Use.READ, "--interpreter", Shown.NEVER, "exec_interpreter"),
    INTERPRETER_ARGS("interpreter_args", Use.READ, null, Shown.NEVER, "node_args"),
    CWD("cwd", Use.READ, "--cwd", Shown.ALWAYS),
    ENV("env", Use.READ, "--env", Shown.NEVER),
    INSTANCES("instances", Use.READ, "--instances", Shown.ALWAYS),
    EXEC_MODE("exec_mode", Use.READ, "--cluster", Shown.ALWAYS),
    AUTORESTART("autorestart", Use.READ, "--no-autorestart", Shown.ALWAYS),
    MAX_RESTARTS("max_restarts", Use.READ, "--max-restarts", Shown.ALWAYS),
    MIN_UPTIME("min_uptime", Use.READ, "--min-uptime", Shown.ALWAYS),
    RESTART_DELAY("restart_delay", Use.READ, "--restart-delay", Shown.ALWAYS),
    EXP_BACKOFF_RESTART_DELAY("exp_backoff_restart_delay", Use.READ, "--exp-backoff-restart-delay", Shown.ALWAYS),
    STOP_EXIT_CODES("stop_exit_codes", Use.READ, null, Shown.ALWAYS),
    KILL_TIMEOUT("kill_timeout", Use.READ, "--kill-timeout", Shown.ALWAYS),
    KILL_SIGNAL("kill_signal", Use.READ, "--kill-signal", Shown.ALWAYS),
    SHUTDOWN_WITH_MESSAGE("shutdown_with_message", Use.READ, "--shutdown-with-message", Shown.ALWAYS),
    MAX_MEMORY_RESTART("max_memory_restart", Use.READ, "--max-memory-restart", Shown.ALWAYS),
    INSTANCE_VAR("instance_var", Use.READ, null, Shown.ALWAYS),
    INCREMENT_VAR("increment_var", Use.READ, null, Shown.ALWAYS),
    NAMESPACE("namespace", Use.READ, "--namespace", Shown.ALWAYS),
    MERGE_LOGS("merge_logs", Use.READ, "--merge-logs", Shown.ALWAYS, "combine_logs"),
    TIME("time", Use.READ, "--no-time", Shown.ALWAYS),
    LOG_DATE_FORMAT("log_date_format", Use.READ, null, Shown.ALWAYS),
    LOG_MAX_SIZE("log_max_size", Use.READ, null, Shown.ALWAYS),
    LOG_KEEP("log_keep", Use.READ, null, Shown.ALWAYS),
    LOG_COMPRESS("log_compress", Use.READ, null, Shown.ALWAYS),
    METRICS_TREE("metrics_tree", Use.READ, null, Shown.ALWAYS),
    WATCHDOG_SEC("watchdog_sec", Use.READ, null, Shown.ALWAYS),
    OUT_FILE("out_file", Use.READ, "--output", Shown.NEVER, "output"),
    ERROR_FILE("error_file", Use.READ, "--error", Shown.NEVER, "error"),
    PORT("port", Use.READ, "--port", Shown.CLUSTER),
    HOST("host", Use.READ, "--bind", Shown.CLUSTER),
    BALANCE("balance", Use.READ, "--balance", Shown.CLUSTER),
    WAIT_READY("wait_ready", Use.READ, "--wait-ready", Shown.CLUSTER),
    READY_LINE("ready_line", Use.READ, "--ready-line", Shown.CLUSTER),
    LISTEN_TIMEOUT("listen_timeout", Use.READ, "--listen-timeout", Shown.CLUSTER),
    DRAIN_TIMEOUT("drain_timeout", Use.READ, "--drain-timeout", Shown.CLUSTER),
    LISTEN_MODE("listen_mode", Use.READ, "--listen-mode", Shown.CLUSTER),
    LISTEN_PATH("listen_path", Use.READ, "--listen-path", Shown.CLUSTER),
    APPEND_ENV_TO_NAME("append_env_to_name", Use.READ, null, Shown.NEVER),
    WATCH("watch", Use.READ, "--watch", Shown.ALWAYS),
    IGNORE_WATCH("ignore_watch", Use.READ, "--ignore-watch", Shown.ALWAYS),
    WATCH_DELAY("watch_delay", Use.READ, "--watch-delay", Shown.ALWAYS),
    WATCH_OPTIONS("watch_options", Use.READ, null, Shown.NEVER),
    CRON_RESTART("cron_restart", Use.READ, "--cron-restart", Shown.ALWAYS),
    LIVENESS_PROBE("liveness_probe", Use.READ, "--liveness-http", Shown.ALWAYS),
    READINESS_PROBE("readiness_probe", Use.READ, "--readiness-http", Shown.ALWAYS),
    DEPENDS_ON("depends_on", Use.READ, null, Shown.ALWAYS),

    // PM2 keys that jpm does not act on (yet): a value other than the harmless one is warned about.
    LOG_FILE("log_file", Use.UNSUPPORTED, null),
    LOG_TYPE("log_type", Use.UNSUPPORTED, null),
    VERSION("version", Use.UNSUPPORTED, null),
    POST_UPDATE("post_update", Use.UNSUPPORTED, null),
    FORCE("force", Use.UNSUPPORTED, null),
    UID("uid", Use.UNSUPPORTED, null),
    GID("gid", Use.UNSUPPORTED, null),
    USER("user", Use.UNSUPPORTED, null),
    PID_FILE("pid_file", Use.UNSUPPORTED, null),
    FILTER_ENV("filter_env", Use.UNSUPPORTED, null),
    KILL_RETRY_TIME("kill_retry_time", Use.UNSUPPORTED, null),
    WINDOWS_HIDE("windowsHide", Use.UNSUPPORTED, null),
    DEEP_MONITORING("deep_monitoring", Use.UNSUPPORTED, null),
    TRACE("trace", Use.UNSUPPORTED, null),
    DISABLE_TRACE("disable_trace", Use.UNSUPPORTED, null),
    TREEKILL("treekill", Use.UNSUPPORTED, null),
    VIZION("vizion", Use.UNSUPPORTED, false),
    PMX("pmx", Use.UNSUPPORTED, false),
    AUTOMATION("automation", Use.UNSUPPORTED, false),
    SOURCE_MAP_SUPPORT("source_map_support", Use.UNSUPPORTED, false),
    DISABLE_SOURCE_MAP_SUPPORT("disable_source_map_support", Use.UNSUPPORTED, true),
    AUTOSTART("autostart", Use.UNSUPPORTED, true);

    /** Whether jpm acts on a key. */
    public enum Use {
        READ,
        UNSUPPORTED
    }

    /** Where {@code describe}'s config block shows a key: always, only for a cluster with a port, or never. */
    public enum Shown {
        ALWAYS,
        CLUSTER,
        NEVER
    }

    /** The most instances one app may have, in a file and through {@code jpm scale}. */
    public static final int MAX_INSTANCES = 1024;

    private static final Map<String, AppKey> BY_NAME = byName();

    private final String key;
    private final Use use;
    private final String flag;
    private final Shown shown;
    private final List<String> aliases;
    private final Object harmless;

    AppKey(String key, Use use, String flag, Shown shown, String... aliases) {
        this(key, use, flag, shown, null, aliases);
    }

    AppKey(String key, Use use, Object harmless) {
        this(key, use, null, Shown.NEVER, harmless);
    }

    AppKey(String key, Use use, String flag, Shown shown, Object harmless, String... aliases) {
        this.key = key;
        this.use = use;
        this.flag = flag;
        this.shown = shown;
        this.harmless = harmless;
        this.aliases = List.of(aliases);
    }

    /** PM2's name of the key, as written in ecosystem files and in {@code describe}. */
    public String key() {
        return key;
    }

    /** Other names PM2 reads for the same setting; the key wins when both are given. */
    public List<String> aliases() {
        return aliases;
    }

    public Use use() {
        return use;
    }

    /** The {@code jpm start} option that sets this key, if any. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    public Shown shown() {
        return shown;
    }

    /**
     * For an unsupported key, the value that asks for what jpm does anyway ({@code watch: false}), so that it needs
     * no warning; null when every value is warned about.
     */
    public Object harmless() {
        return harmless;
    }

    /** The key or alias of that name, if declared. */
    public static Optional<AppKey> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Map<String, AppKey> byName() {
        Map<String, AppKey> m = new LinkedHashMap<>();
        for (AppKey k : values()) {
            if (m.put(k.key, k) != null) throw new IllegalStateException("key declared twice: " + k.key);
            for (String a : k.aliases) {
                if (m.put(a, k) != null) throw new IllegalStateException("key declared twice: " + a);
            }
        }
        return Map.copyOf(m);
    }
}
