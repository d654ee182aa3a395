package io.jpm.engine.config;

import static io.jpm.engine.config.Setting.Shown.ALWAYS;
import static io.jpm.engine.config.Setting.Shown.CLUSTER;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every app key jpm knows, each declared once: the catalogue that the parser, the spec's values and section views,
 * the saved form of {@code dump.json}, describe's config block and the check of unknown keys are generated from.
 *
 * <p>A declaration is the whole of a key: its name, the aliases PM2 also reads and its {@code jpm start} flag
 * ({@code key(...)}), its type, default and reader with its checks, where {@code dump.json} saves it and how describe
 * shows it. It is also the typed handle code reads the value through: {@code spec.get(Settings.METRICS_TREE)}. The
 * order below is describe's; a setting reads the ones it depends on when it needs them ({@link Reading}).
 *
 * <p>To add a key: one declaration below (a {@code Setting.of} with no section path), and its test. The CLI writes
 * the key's name under its flag, and {@code StartFlagsTest} holds the two together. {@code SettingsCatalogueTest}
 * fails when a key or alias is declared twice, when a component of a section view has no declaration, or when a kept
 * setting has no place in dump.json.
 */
public final class Settings {

    public static final Setting<String> NAME =
            declare(Setting.of(key("name", "--name"), "name", null, AppSpecParser::name)
                    .saved("/name", Codec.STRING)
                    .required());
    public static final Setting<String> SCRIPT =
            declare(Setting.of(key("script", null, "cmd"), "run.script", null, KeyReaders::script)
                    .saved("/script", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<List<String>> COMMAND =
            declare(Setting.derived("command", "run.command", KeyReaders::command)
                    .saved("/command", Codec.STRINGS)
                    .required()
                    .shown(ALWAYS));
    public static final Setting<List<String>> ARGS =
            declare(Setting.input(key("args"), in -> in.r.words(Settings.ARGS.key())));
    static final Setting<String> INTERPRETER = declare(Setting.input(
            key("interpreter", "--interpreter", "exec_interpreter"), in -> in.r.string(Settings.INTERPRETER.key())));
    static final Setting<List<String>> INTERPRETER_ARGS = declare(Setting.input(
            key("interpreter_args", null, "node_args"), in -> in.r.words(Settings.INTERPRETER_ARGS.key())));
    public static final Setting<Path> CWD = declare(Setting.of(key("cwd", "--cwd"), "run.cwd", null, KeyReaders::cwd)
            .saved("/cwd", Codec.PATH)
            .required()
            .shown(ALWAYS, Path::toString));
    public static final Setting<Map<String, String>> ENV =
            declare(Setting.of(key("env", "--env"), "run.env", Map.<String, String>of(), in -> new EnvComposer(
                                    in.parser.baseEnv, in.parser.profile)
                            .compose(in.app, in.r))
                    .saved("/env", Codec.STRING_MAP));
    public static final Setting<Integer> INSTANCES =
            declare(Setting.of(key("instances", "--instances"), "run.instances", 1, KeyReaders::instances)
                    .saved("/instances", Codec.INT)
                    .shown(ALWAYS));
    public static final Setting<AppSpec.ExecMode> EXEC_MODE =
            declare(Setting.of(key("exec_mode", "--cluster"), "run.mode", AppSpec.ExecMode.FORK, KeyReaders::mode)
                    .saved("/mode", Codec.enumNamed(AppSpec.ExecMode.class))
                    .shown(ALWAYS, AppSpec.ExecMode::wireName));
    public static final Setting<Boolean> AUTORESTART = declare(Setting.of(
                    key("autorestart", "--no-autorestart"),
                    "restart.autorestart",
                    true,
                    in -> in.r.bool(Settings.AUTORESTART.key(), true))
            .saved("/autorestart", Codec.BOOL)
            .shown(ALWAYS));
    public static final Setting<Integer> MAX_RESTARTS = declare(Setting.of(
                    key("max_restarts", "--max-restarts"),
                    "restart.maxRestarts",
                    RestartRules.DEFAULT_MAX_RESTARTS,
                    in -> in.r.integer(
                            Settings.MAX_RESTARTS.key(), RestartRules.DEFAULT_MAX_RESTARTS, 0, Integer.MAX_VALUE))
            .saved("/maxRestarts", Codec.INT)
            .shown(ALWAYS));
    public static final Setting<Long> MIN_UPTIME =
            declare(millis(key("min_uptime", "--min-uptime"), "restart.minUptimeMs", RestartRules.DEFAULT_MIN_UPTIME_MS)
                    .saved("/minUptimeMs", Codec.LONG)
                    .shown(ALWAYS));
    public static final Setting<Long> RESTART_DELAY =
            declare(millis(key("restart_delay", "--restart-delay"), "restart.restartDelayMs", 0L)
                    .saved("/restartDelayMs", Codec.LONG)
                    .shown(ALWAYS));
    public static final Setting<Long> EXP_BACKOFF_RESTART_DELAY = declare(millis(
                    key("exp_backoff_restart_delay", "--exp-backoff-restart-delay"),
                    "restart.expBackoffRestartDelayMs",
                    0L)
            .saved("/expBackoffRestartDelayMs", Codec.LONG)
            .shown(ALWAYS));
    public static final Setting<Set<Integer>> STOP_EXIT_CODES = declare(Setting.of(
                    key("stop_exit_codes", "--stop-exit-codes"),
                    "restart.stopExitCodes",
                    Set.<Integer>of(),
                    in -> in.r.exitCodes(Settings.STOP_EXIT_CODES.key()))
            .saved("/stopExitCodes", Codec.INTS)
            .shown(ALWAYS));
    public static final Setting<Long> KILL_TIMEOUT = declare(
            millis(key("kill_timeout", "--kill-timeout"), "restart.killTimeoutMs", RestartRules.DEFAULT_KILL_TIMEOUT_MS)
                    .saved("/killTimeoutMs", Codec.LONG)
                    .shown(ALWAYS));
    public static final Setting<String> KILL_SIGNAL = declare(Setting.of(
                    key("kill_signal", "--kill-signal"),
                    "restart.killSignal",
                    RestartRules.DEFAULT_KILL_SIGNAL,
                    KeyReaders::killSignal)
            .saved("/killSignal", Codec.STRING)
            .shown(ALWAYS));
    public static final Setting<Boolean> SHUTDOWN_WITH_MESSAGE =
            declare(bool(key("shutdown_with_message", "--shutdown-with-message"), false)
                    .saved("/shutdownWithMessage", Codec.BOOL)
                    .shown(ALWAYS));
    public static final Setting<Long> MAX_MEMORY_RESTART = declare(Setting.of(
                    key("max_memory_restart", "--max-memory-restart"),
                    "restart.maxMemoryRestartBytes",
                    0L,
                    in -> in.r.bytes(Settings.MAX_MEMORY_RESTART.key(), 0))
            .saved("/maxMemoryRestartBytes", Codec.LONG)
            .shown(ALWAYS));
    public static final Setting<String> INSTANCE_VAR =
            declare(Setting.of(key("instance_var"), "run.instanceVar", null, KeyReaders::instanceVar)
                    .saved("/instanceVar", Codec.STRING)
                    .shown(ALWAYS, v -> v == null ? "JPM_INSTANCE, NODE_APP_INSTANCE" : v));
    public static final Setting<String> INCREMENT_VAR =
            declare(Setting.of(key("increment_var"), "run.incrementVar", null, KeyReaders::incrementVar)
                    .saved("/incrementVar", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<String> NAMESPACE = declare(
            Setting.of(key("namespace", "--namespace"), "run.namespace", Run.DEFAULT_NAMESPACE, KeyReaders::namespace)
                    .saved("/namespace", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<Boolean> MERGE_LOGS =
            declare(bool(key("merge_logs", "--merge-logs", "combine_logs"), "logs.mergeLogs", false)
                    .saved("/mergeLogs", Codec.BOOL)
                    .shown(ALWAYS));
    public static final Setting<Boolean> TIME = declare(bool(key("time", "--no-time"), "logs.timestamps", true)
            .saved("/timestamps", Codec.BOOL)
            .shown(ALWAYS));
    public static final Setting<Boolean> LOG_TYPE =
            declare(Setting.of(key("log_type", "--log-type"), "logs.jsonLines", false, LogKeyReaders::jsonLines)
                    .saved("/jsonLines", Codec.BOOL)
                    .shown(ALWAYS, json -> json ? "json" : "raw"));
    public static final Setting<String> LOG_DATE_FORMAT =
            declare(Setting.of(key("log_date_format"), "logs.dateFormat", null, LogKeyReaders::dateFormat)
                    .saved("/logDateFormat", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<Long> LOG_MAX_SIZE = declare(Setting.of(
                    key("log_max_size"),
                    "logs.rotation.maxBytes",
                    AppSpec.LogRotation.DEFAULT_MAX_BYTES,
                    LogKeyReaders::logMaxSize)
            .saved("/rotation/maxBytes", Codec.LONG)
            .shown(ALWAYS));
    public static final Setting<Integer> LOG_KEEP = declare(Setting.of(
                    key("log_keep"),
                    "logs.rotation.keep",
                    AppSpec.LogRotation.DEFAULT_KEEP,
                    in -> in.r.integer(Settings.LOG_KEEP.key(), AppSpec.LogRotation.DEFAULT_KEEP, 1, 1000))
            .saved("/rotation/keep", Codec.INT)
            .shown(ALWAYS));
    public static final Setting<Boolean> LOG_COMPRESS =
            declare(bool(key("log_compress"), "logs.rotation.compress", false)
                    .saved("/rotation/compress", Codec.BOOL)
                    .shown(ALWAYS));
    public static final Setting<Boolean> METRICS_TREE = declare(
            bool(key("metrics_tree"), false).saved("/metricsTree", Codec.BOOL).shown(ALWAYS));
    public static final Setting<Long> WATCHDOG_SEC =
            declare(Setting.of(key("watchdog_sec"), "restart.watchdogMs", 0L, KeyReaders::watchdogMs)
                    .saved("/watchdogMs", Codec.LONG)
                    .shown(ALWAYS, ms -> ms / 1000.0));
    public static final Setting<Path> OUT_FILE = declare(Setting.of(
                    key("out_file", "--output", "output"),
                    "logs.outFile",
                    null,
                    in -> LogKeyReaders.logFile(in, Settings.OUT_FILE.key()))
            .saved("/outFile", Codec.PATH));
    public static final Setting<Path> ERROR_FILE = declare(Setting.of(
                    key("error_file", "--error", "error"),
                    "logs.errorFile",
                    null,
                    in -> LogKeyReaders.logFile(in, Settings.ERROR_FILE.key()))
            .saved("/errorFile", Codec.PATH));
    public static final Setting<Path> LOG_FILE =
            declare(Setting.of(key("log_file", "--log", "log"), "logs.logFile", null, LogKeyReaders::combinedLog)
                    .saved("/logFile", Codec.PATH));
    public static final Setting<Path> PID_FILE = declare(Setting.of(
                    key("pid_file", "--pid", "pid"),
                    "logs.pidFile",
                    null,
                    in -> LogKeyReaders.logFile(in, Settings.PID_FILE.key()))
            .saved("/pidFile", Codec.PATH));
    public static final Setting<Integer> PORT =
            declare(Setting.of(key("port", "--port"), "cluster.port", ClusterSettings.NO_PORT, ClusterKeyReaders::port)
                    .saved("/port", Codec.INT)
                    .shown(CLUSTER));
    public static final Setting<String> HOST = declare(
            Setting.of(key("host", "--bind"), "cluster.host", null, in -> Strings.nonEmpty(in.r, Settings.HOST.key()))
                    .saved("/host", Codec.STRING)
                    .shown(CLUSTER));
    public static final Setting<AppSpec.Balance> BALANCE = declare(Setting.of(
                    key("balance", "--balance"),
                    "cluster.balance",
                    AppSpec.Balance.ROUND_ROBIN,
                    ClusterKeyReaders::balance)
            .saved("/balance", Codec.enumNamed(AppSpec.Balance.class))
            .shown(CLUSTER, AppSpec.Balance::wireName));
    public static final Setting<Boolean> WAIT_READY = declare(Setting.of(
                    key("wait_ready", "--wait-ready"),
                    "cluster.waitReady",
                    false,
                    in -> in.r.bool(Settings.WAIT_READY.key(), in.r.has(Settings.READY_LINE.key())))
            .saved("/waitReady", Codec.BOOL)
            .shown(CLUSTER));
    public static final Setting<String> READY_LINE = declare(
            Setting.of(key("ready_line", "--ready-line"), "cluster.readyLine", null, ClusterKeyReaders::readyLine)
                    .saved("/readyLine", Codec.STRING)
                    .shown(CLUSTER));
    public static final Setting<Long> LISTEN_TIMEOUT = declare(millis(
                    key("listen_timeout", "--listen-timeout"),
                    "cluster.listenTimeoutMs",
                    ClusterSettings.DEFAULT_LISTEN_TIMEOUT_MS)
            .saved("/listenTimeoutMs", Codec.LONG)
            .shown(CLUSTER));
    public static final Setting<Long> DRAIN_TIMEOUT = declare(millis(
                    key("drain_timeout", "--drain-timeout"),
                    "cluster.drainTimeoutMs",
                    ClusterSettings.DEFAULT_DRAIN_TIMEOUT_MS)
            .saved("/drainTimeoutMs", Codec.LONG)
            .shown(CLUSTER));
    public static final Setting<ClusterSettings.ListenMode> LISTEN_MODE = declare(Setting.of(
                    key("listen_mode", "--listen-mode"),
                    "cluster.listenMode",
                    ClusterSettings.ListenMode.PROXY,
                    ClusterKeyReaders::listenMode)
            .saved("/listenMode", Codec.enumNamed(ClusterSettings.ListenMode.class))
            .shown(CLUSTER, ClusterSettings.ListenMode::wireName));
    public static final Setting<String> LISTEN_PATH = declare(
            Setting.of(key("listen_path", "--listen-path"), "cluster.listenPath", null, ClusterKeyReaders::listenPath)
                    .saved("/listenPath", Codec.STRING)
                    .shown(CLUSTER));
    static final Setting<Boolean> APPEND_ENV_TO_NAME = declare(
            Setting.input(key("append_env_to_name"), in -> in.r.bool(Settings.APPEND_ENV_TO_NAME.key(), false)));
    public static final Setting<List<String>> WATCH =
            declare(Setting.of(key("watch", "--watch"), "watch.paths", List.<String>of(), WatchKeyReaders::watchPaths)
                    .saved("/watch", Codec.STRINGS)
                    .shown(ALWAYS, paths -> paths.isEmpty() ? false : paths));
    public static final Setting<List<String>> IGNORE_WATCH = declare(Setting.of(
                    key("ignore_watch", "--ignore-watch"),
                    "watch.ignore",
                    List.<String>of(),
                    in -> WatchKeyReaders.patterns(in.r, Settings.IGNORE_WATCH.key()))
            .saved("/ignoreWatch", Codec.STRINGS)
            .shown(ALWAYS));
    public static final Setting<Long> WATCH_DELAY =
            declare(millis(key("watch_delay", "--watch-delay"), "watch.delayMs", WatchSettings.DEFAULT_DELAY_MS)
                    .saved("/watchDelayMs", Codec.LONG)
                    .shown(ALWAYS));
    static final Setting<JsonNode> WATCH_OPTIONS =
            declare(Setting.input(key("watch_options"), WatchKeyReaders::watchOptions));
    public static final Setting<Boolean> WATCH_POLLING =
            declare(Setting.derived("watch_options.usePolling", "watch.polling", false, WatchKeyReaders::watchPolling)
                    .saved("/watchPolling", Codec.BOOL));
    public static final Setting<Long> WATCH_INTERVAL = declare(Setting.derived(
                    "watch_options.interval",
                    "watch.intervalMs",
                    WatchSettings.DEFAULT_INTERVAL_MS,
                    WatchKeyReaders::watchIntervalMs)
            .saved("/watchIntervalMs", Codec.LONG));
    public static final Setting<Boolean> WATCH_FOLLOW_SYMLINKS = declare(Setting.derived(
                    "watch_options.followSymlinks", "watch.followSymlinks", true, WatchKeyReaders::watchFollowSymlinks)
            .saved("/watchFollowSymlinks", Codec.BOOL));
    public static final Setting<String> CRON_RESTART =
            declare(Setting.of(key("cron_restart", "--cron-restart"), "restart.cronRestart", null, KeyReaders::cron)
                    .saved("/cronRestart", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<ProbeSpec> LIVENESS_PROBE =
            declare(probe(key("liveness_probe", "--liveness-http"), "health.liveness", "/livenessProbe"));
    public static final Setting<ProbeSpec> READINESS_PROBE =
            declare(probe(key("readiness_probe", "--readiness-http"), "health.readiness", "/readinessProbe"));
    public static final Setting<List<HealthSettings.Dependency>> DEPENDS_ON = declare(Setting.of(
                    key("depends_on"),
                    "health.dependsOn",
                    List.<HealthSettings.Dependency>of(),
                    in -> HealthReader.dependsOn(in.r))
            .saved("/dependsOn", Codec.bound(new TypeReference<List<HealthSettings.Dependency>>() {}))
            .shown(ALWAYS, deps -> deps.stream()
                    .map(d -> d.app() + " (" + d.condition().wireName() + ")")
                    .toList()));

    /** Every declaration, in the order above, which is describe's. */
    public static final List<Setting<?>> ALL = List.copyOf(Declared.LIST);

    /** PM2 keys that jpm does not act on (yet): a value other than the harmless one is warned about. */
    static final List<AppKey> UNSUPPORTED = List.of(
            AppKey.unsupported("version", null),
            AppKey.unsupported("post_update", null),
            AppKey.unsupported("force", null),
            AppKey.unsupported("uid", null),
            AppKey.unsupported("gid", null),
            AppKey.unsupported("user", null),
            AppKey.unsupported("filter_env", null),
            AppKey.unsupported("kill_retry_time", null),
            AppKey.unsupported("windowsHide", null),
            AppKey.unsupported("deep_monitoring", null),
            AppKey.unsupported("trace", null),
            AppKey.unsupported("disable_trace", null),
            AppKey.unsupported("treekill", null),
            AppKey.unsupported("vizion", false),
            AppKey.unsupported("pmx", false),
            AppKey.unsupported("automation", false),
            AppKey.unsupported("source_map_support", false),
            AppKey.unsupported("disable_source_map_support", true),
            AppKey.unsupported("autostart", true));

    /** Every key and alias by name: the settings' keys, then the unsupported ones; a name declared twice throws. */
    private static final Map<String, AppKey> KEYS = keysByName();

    private static final Map<String, Setting<?>> BY_FIELD = byField();

    private Settings() {}

    /** Every key jpm knows, in declaration order: those it reads, then those it does not act on. */
    public static List<AppKey> keys() {
        List<AppKey> out = new ArrayList<>();
        for (Setting<?> s : ALL) {
            if (s.key() != null) out.add(s.key());
        }
        out.addAll(UNSUPPORTED);
        return List.copyOf(out);
    }

    /** The key or alias of that name, if declared. */
    public static Optional<AppKey> keyNamed(String name) {
        return Optional.ofNullable(KEYS.get(name));
    }

    /** The setting that fills the spec's component at {@code path}; throws when none does. */
    static Setting<?> atField(String path) {
        Setting<?> s = BY_FIELD.get(path);
        if (s == null) throw new IllegalStateException("no setting declares " + path);
        return s;
    }

    /** A section record with every setting at its default, e.g. {@code defaults(RestartRules.class, "restart")}. */
    static <R extends Record> R defaults(Class<R> section, String field) {
        return SpecShape.build(section, field + ".", path -> atField(path).fallback());
    }

    /** Adds a declaration to {@link #ALL}, in the order of this file. */
    private static <T> Setting<T> declare(Setting<T> s) {
        Declared.LIST.add(s);
        return s;
    }

    /** The declarations as they are made; a holder, since it must exist before the first one. */
    private static final class Declared {
        static final List<Setting<?>> LIST = new java.util.ArrayList<>();
    }

    private static AppKey key(String name) {
        return AppKey.read(name, null);
    }

    private static AppKey key(String name, String flag, String... aliases) {
        return AppKey.read(name, flag, aliases);
    }

    private static Setting<Long> millis(AppKey key, String field, long fallback) {
        return Setting.of(key, field, fallback, in -> in.r.millis(key, fallback));
    }

    private static Setting<ProbeSpec> probe(AppKey key, String field, String savedAt) {
        return Setting.of(key, field, null, in -> HealthReader.probe(in.r, key))
                .saved(savedAt, Codec.bound(new TypeReference<ProbeSpec>() {}))
                .shown(ALWAYS, probe -> probe == null ? null : probe.describe());
    }

    private static Setting<Boolean> bool(AppKey key, String field, boolean fallback) {
        return Setting.of(key, field, fallback, in -> in.r.bool(key, fallback));
    }

    private static Setting<Boolean> bool(AppKey key, boolean fallback) {
        return bool(key, null, fallback);
    }

    private static Map<String, AppKey> keysByName() {
        Map<String, AppKey> m = new HashMap<>();
        for (AppKey k : keys()) {
            List<String> names = new ArrayList<>(k.aliases());
            names.add(k.key());
            for (String n : names) {
                AppKey before = m.put(n, k);
                if (before != null) throw new IllegalStateException("key declared twice: " + n);
            }
        }
        return Map.copyOf(m);
    }

    private static Map<String, Setting<?>> byField() {
        Map<String, Setting<?>> m = new HashMap<>();
        for (Setting<?> s : ALL) {
            if (s.field() != null && m.put(s.field(), s) != null) {
                throw new IllegalStateException("field declared twice: " + s.field());
            }
        }
        return Map.copyOf(m);
    }
}
