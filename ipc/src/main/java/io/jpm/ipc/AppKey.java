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
 * reads, whether jpm acts on it, and the {@code jpm start} flag that sets it. How the engine reads, saves and shows a
 * key is declared once next to it there ({@code io.jpm.engine.config.Settings}). The engine's readers take these constants rather than strings, so a key cannot be read under a name that is not
 * declared here.
 */
public enum AppKey {
    NAME("name", Use.READ, "--name"),
    SCRIPT("script", Use.READ, null, "cmd"),
    ARGS("args", Use.READ, null),
    INTERPRETER("interpreter", Use.READ, "--interpreter", "exec_interpreter"),
    INTERPRETER_ARGS("interpreter_args", Use.READ, null, "node_args"),
    CWD("cwd", Use.READ, "--cwd"),
    ENV("env", Use.READ, "--env"),
    INSTANCES("instances", Use.READ, "--instances"),
    EXEC_MODE("exec_mode", Use.READ, "--cluster"),
    AUTORESTART("autorestart", Use.READ, "--no-autorestart"),
    MAX_RESTARTS("max_restarts", Use.READ, "--max-restarts"),
    MIN_UPTIME("min_uptime", Use.READ, "--min-uptime"),
    RESTART_DELAY("restart_delay", Use.READ, "--restart-delay"),
    EXP_BACKOFF_RESTART_DELAY("exp_backoff_restart_delay", Use.READ, "--exp-backoff-restart-delay"),
    STOP_EXIT_CODES("stop_exit_codes", Use.READ, "--stop-exit-codes"),
    KILL_TIMEOUT("kill_timeout", Use.READ, "--kill-timeout"),
    KILL_SIGNAL("kill_signal", Use.READ, "--kill-signal"),
    SHUTDOWN_WITH_MESSAGE("shutdown_with_message", Use.READ, "--shutdown-with-message"),
    MAX_MEMORY_RESTART("max_memory_restart", Use.READ, "--max-memory-restart"),
    INSTANCE_VAR("instance_var", Use.READ, null),
    INCREMENT_VAR("increment_var", Use.READ, null),
    NAMESPACE("namespace", Use.READ, "--namespace"),
    MERGE_LOGS("merge_logs", Use.READ, "--merge-logs", "combine_logs"),
    TIME("time", Use.READ, "--no-time"),
    LOG_DATE_FORMAT("log_date_format", Use.READ, null),
    LOG_TYPE("log_type", Use.READ, "--log-type"),
    LOG_MAX_SIZE("log_max_size", Use.READ, null),
    LOG_KEEP("log_keep", Use.READ, null),
    LOG_COMPRESS("log_compress", Use.READ, null),
    METRICS_TREE("metrics_tree", Use.READ, null),
    WATCHDOG_SEC("watchdog_sec", Use.READ, null),
    OUT_FILE("out_file", Use.READ, "--output", "output"),
    ERROR_FILE("error_file", Use.READ, "--error", "error"),
    LOG_FILE("log_file", Use.READ, "--log", "log"),
    PID_FILE("pid_file", Use.READ, "--pid", "pid"),
    PORT("port", Use.READ, "--port"),
    HOST("host", Use.READ, "--bind"),
    BALANCE("balance", Use.READ, "--balance"),
    WAIT_READY("wait_ready", Use.READ, "--wait-ready"),
    READY_LINE("ready_line", Use.READ, "--ready-line"),
    LISTEN_TIMEOUT("listen_timeout", Use.READ, "--listen-timeout"),
    DRAIN_TIMEOUT("drain_timeout", Use.READ, "--drain-timeout"),
    LISTEN_MODE("listen_mode", Use.READ, "--listen-mode"),
    LISTEN_PATH("listen_path", Use.READ, "--listen-path"),
    APPEND_ENV_TO_NAME("append_env_to_name", Use.READ, null),
    WATCH("watch", Use.READ, "--watch"),
    IGNORE_WATCH("ignore_watch", Use.READ, "--ignore-watch"),
    WATCH_DELAY("watch_delay", Use.READ, "--watch-delay"),
    WATCH_OPTIONS("watch_options", Use.READ, null),
    CRON_RESTART("cron_restart", Use.READ, "--cron-restart"),
    LIVENESS_PROBE("liveness_probe", Use.READ, "--liveness-http"),
    READINESS_PROBE("readiness_probe", Use.READ, "--readiness-http"),
    DEPENDS_ON("depends_on", Use.READ, null),

    // PM2 keys that jpm does not act on (yet): a value other than the harmless one is warned about.
    VERSION("version", Use.UNSUPPORTED, null),
    POST_UPDATE("post_update", Use.UNSUPPORTED, null),
    FORCE("force", Use.UNSUPPORTED, null),
    UID("uid", Use.UNSUPPORTED, null),
    GID("gid", Use.UNSUPPORTED, null),
    USER("user", Use.UNSUPPORTED, null),
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

    /** The most instances one app may have, in a file and through {@code jpm scale}. */
    public static final int MAX_INSTANCES = 1024;

    private static final Map<String, AppKey> BY_NAME = byName();

    private final String key;
    private final Use use;
    private final String flag;
    private final List<String> aliases;
    private final Object harmless;

    /**
     * @param flagOrHarmless for a key jpm reads, its {@code jpm start} flag (or null); for an unsupported key, its
     *     {@linkplain #harmless() harmless} value
     */
    AppKey(String key, Use use, Object flagOrHarmless, String... aliases) {
        this.key = key;
        this.use = use;
        this.flag = use == Use.READ ? (String) flagOrHarmless : null;
        this.harmless = use == Use.READ ? null : flagOrHarmless;
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
