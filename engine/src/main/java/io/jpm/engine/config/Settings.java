package io.jpm.engine.config;

import static io.jpm.engine.config.Setting.Shown.ALWAYS;
import static io.jpm.engine.config.Setting.Shown.CLUSTER;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.AppKey;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every app setting jpm reads, declared once: the catalogue that the parser, the spec's section records, the saved
 * form of {@code dump.json} and describe's config block are generated from.
 *
 * <p>The order is {@link AppKey}'s, which is describe's order; a setting reads the ones it depends on when it needs
 * them ({@link Reading}). The key's wire name, aliases and {@code jpm start} flag stay in {@link AppKey}, which the
 * CLI shares; everything else about a key is here.
 *
 * <p>To add a key: an {@link AppKey} constant, a component in its section record, and one declaration below.
 * {@code SettingsCatalogueTest} checks that every component of the spec has exactly one declaration.
 */
public final class Settings {

    public static final Setting<String> NAME = declare(Setting.of(AppKey.NAME, "name", null, AppSpecParser::name)
            .saved("/name", Codec.STRING)
            .required());
    public static final Setting<String> SCRIPT =
            declare(Setting.of(AppKey.SCRIPT, "run.script", null, KeyReaders::script)
                    .saved("/script", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<List<String>> COMMAND =
            declare(Setting.derived("command", "run.command", KeyReaders::command)
                    .saved("/command", Codec.STRINGS)
                    .required()
                    .shown(ALWAYS));
    static final Setting<List<String>> ARGS = declare(Setting.input(AppKey.ARGS, in -> in.r.words(AppKey.ARGS)));
    static final Setting<String> INTERPRETER =
            declare(Setting.input(AppKey.INTERPRETER, in -> in.r.string(AppKey.INTERPRETER)));
    static final Setting<List<String>> INTERPRETER_ARGS =
            declare(Setting.input(AppKey.INTERPRETER_ARGS, in -> in.r.words(AppKey.INTERPRETER_ARGS)));
    public static final Setting<Path> CWD = declare(Setting.of(AppKey.CWD, "run.cwd", null, KeyReaders::cwd)
            .saved("/cwd", Codec.PATH)
            .required()
            .shown(ALWAYS, Path::toString));
    public static final Setting<Map<String, String>> ENV =
            declare(Setting.of(AppKey.ENV, "run.env", Map.<String, String>of(), in -> new EnvComposer(
                                    in.parser.baseEnv, in.parser.profile)
                            .compose(in.app, in.r))
                    .saved("/env", Codec.STRING_MAP));
    public static final Setting<Integer> INSTANCES =
            declare(Setting.of(AppKey.INSTANCES, "run.instances", 1, KeyReaders::instances)
                    .saved("/instances", Codec.INT)
                    .shown(ALWAYS));
    public static final Setting<AppSpec.ExecMode> EXEC_MODE =
            declare(Setting.of(AppKey.EXEC_MODE, "run.mode", AppSpec.ExecMode.FORK, KeyReaders::mode)
                    .saved("/mode", Codec.enumNamed(AppSpec.ExecMode.class))
                    .shown(ALWAYS, AppSpec.ExecMode::wireName));
    public static final Setting<Boolean> AUTORESTART = declare(
            Setting.of(AppKey.AUTORESTART, "restart.autorestart", true, in -> in.r.bool(AppKey.AUTORESTART, true))
                    .saved("/autorestart", Codec.BOOL)
                    .shown(ALWAYS));
    public static final Setting<Integer> MAX_RESTARTS = declare(Setting.of(
                    AppKey.MAX_RESTARTS,
                    "restart.maxRestarts",
                    RestartRules.DEFAULT_MAX_RESTARTS,
                    in -> in.r.integer(AppKey.MAX_RESTARTS, RestartRules.DEFAULT_MAX_RESTARTS, 0, Integer.MAX_VALUE))
            .saved("/maxRestarts", Codec.INT)
            .shown(ALWAYS));
    public static final Setting<Long> MIN_UPTIME =
            declare(millis(AppKey.MIN_UPTIME, "restart.minUptimeMs", RestartRules.DEFAULT_MIN_UPTIME_MS)
                    .saved("/minUptimeMs", Codec.LONG)
                    .shown(ALWAYS));
    public static final Setting<Long> RESTART_DELAY = declare(millis(AppKey.RESTART_DELAY, "restart.restartDelayMs", 0L)
            .saved("/restartDelayMs", Codec.LONG)
            .shown(ALWAYS));
    public static final Setting<Long> EXP_BACKOFF_RESTART_DELAY =
            declare(millis(AppKey.EXP_BACKOFF_RESTART_DELAY, "restart.expBackoffRestartDelayMs", 0L)
                    .saved("/expBackoffRestartDelayMs", Codec.LONG)
                    .shown(ALWAYS));
    public static final Setting<Set<Integer>> STOP_EXIT_CODES = declare(Setting.of(
                    AppKey.STOP_EXIT_CODES,
                    "restart.stopExitCodes",
                    Set.<Integer>of(),
                    in -> in.r.exitCodes(AppKey.STOP_EXIT_CODES))
            .saved("/stopExitCodes", Codec.INTS)
            .shown(ALWAYS));
    public static final Setting<Long> KILL_TIMEOUT =
            declare(millis(AppKey.KILL_TIMEOUT, "restart.killTimeoutMs", RestartRules.DEFAULT_KILL_TIMEOUT_MS)
                    .saved("/killTimeoutMs", Codec.LONG)
                    .shown(ALWAYS));
    public static final Setting<String> KILL_SIGNAL = declare(Setting.of(
                    AppKey.KILL_SIGNAL, "restart.killSignal", RestartRules.DEFAULT_KILL_SIGNAL, KeyReaders::killSignal)
            .saved("/killSignal", Codec.STRING)
            .shown(ALWAYS));
    public static final Setting<Boolean> SHUTDOWN_WITH_MESSAGE =
            declare(bool(AppKey.SHUTDOWN_WITH_MESSAGE, "restart.shutdownWithMessage", false)
                    .saved("/shutdownWithMessage", Codec.BOOL)
                    .shown(ALWAYS));
    public static final Setting<Long> MAX_MEMORY_RESTART = declare(Setting.of(
                    AppKey.MAX_MEMORY_RESTART,
                    "restart.maxMemoryRestartBytes",
                    0L,
                    in -> in.r.bytes(AppKey.MAX_MEMORY_RESTART, 0))
            .saved("/maxMemoryRestartBytes", Codec.LONG)
            .shown(ALWAYS));
    public static final Setting<String> INSTANCE_VAR =
            declare(Setting.of(AppKey.INSTANCE_VAR, "run.instanceVar", null, KeyReaders::instanceVar)
                    .saved("/instanceVar", Codec.STRING)
                    .shown(ALWAYS, v -> v == null ? "JPM_INSTANCE, NODE_APP_INSTANCE" : v));
    public static final Setting<String> INCREMENT_VAR =
            declare(Setting.of(AppKey.INCREMENT_VAR, "run.incrementVar", null, KeyReaders::incrementVar)
                    .saved("/incrementVar", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<String> NAMESPACE =
            declare(Setting.of(AppKey.NAMESPACE, "run.namespace", Run.DEFAULT_NAMESPACE, KeyReaders::namespace)
                    .saved("/namespace", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<Boolean> MERGE_LOGS = declare(bool(AppKey.MERGE_LOGS, "logs.mergeLogs", false)
            .saved("/mergeLogs", Codec.BOOL)
            .shown(ALWAYS));
    public static final Setting<Boolean> TIME = declare(bool(AppKey.TIME, "logs.timestamps", true)
            .saved("/timestamps", Codec.BOOL)
            .shown(ALWAYS));
    public static final Setting<Boolean> LOG_TYPE =
            declare(Setting.of(AppKey.LOG_TYPE, "logs.jsonLines", false, KeyReaders::jsonLines)
                    .saved("/jsonLines", Codec.BOOL)
                    .shown(ALWAYS, json -> json ? "json" : "raw"));
    public static final Setting<String> LOG_DATE_FORMAT =
            declare(Setting.of(AppKey.LOG_DATE_FORMAT, "logs.dateFormat", null, KeyReaders::dateFormat)
                    .saved("/logDateFormat", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<Long> LOG_MAX_SIZE = declare(Setting.of(
                    AppKey.LOG_MAX_SIZE,
                    "logs.rotation.maxBytes",
                    AppSpec.LogRotation.DEFAULT_MAX_BYTES,
                    KeyReaders::logMaxSize)
            .saved("/rotation/maxBytes", Codec.LONG)
            .shown(ALWAYS));
    public static final Setting<Integer> LOG_KEEP = declare(Setting.of(
                    AppKey.LOG_KEEP,
                    "logs.rotation.keep",
                    AppSpec.LogRotation.DEFAULT_KEEP,
                    in -> in.r.integer(AppKey.LOG_KEEP, AppSpec.LogRotation.DEFAULT_KEEP, 1, 1000))
            .saved("/rotation/keep", Codec.INT)
            .shown(ALWAYS));
    public static final Setting<Boolean> LOG_COMPRESS =
            declare(bool(AppKey.LOG_COMPRESS, "logs.rotation.compress", false)
                    .saved("/rotation/compress", Codec.BOOL)
                    .shown(ALWAYS));
    public static final Setting<Boolean> METRICS_TREE = declare(bool(AppKey.METRICS_TREE, "run.metricsTree", false)
            .saved("/metricsTree", Codec.BOOL)
            .shown(ALWAYS));
    public static final Setting<Long> WATCHDOG_SEC =
            declare(Setting.of(AppKey.WATCHDOG_SEC, "restart.watchdogMs", 0L, KeyReaders::watchdogMs)
                    .saved("/watchdogMs", Codec.LONG)
                    .shown(ALWAYS, ms -> ms / 1000.0));
    public static final Setting<Path> OUT_FILE =
            declare(Setting.of(AppKey.OUT_FILE, "logs.outFile", null, in -> KeyReaders.logFile(in, AppKey.OUT_FILE))
                    .saved("/outFile", Codec.PATH));
    public static final Setting<Path> ERROR_FILE = declare(
            Setting.of(AppKey.ERROR_FILE, "logs.errorFile", null, in -> KeyReaders.logFile(in, AppKey.ERROR_FILE))
                    .saved("/errorFile", Codec.PATH));
    public static final Setting<Path> LOG_FILE =
            declare(Setting.of(AppKey.LOG_FILE, "logs.logFile", null, KeyReaders::combinedLog)
                    .saved("/logFile", Codec.PATH));
    public static final Setting<Path> PID_FILE =
            declare(Setting.of(AppKey.PID_FILE, "logs.pidFile", null, in -> KeyReaders.logFile(in, AppKey.PID_FILE))
                    .saved("/pidFile", Codec.PATH));
    public static final Setting<Integer> PORT =
            declare(Setting.of(AppKey.PORT, "cluster.port", ClusterSettings.NO_PORT, KeyReaders::port)
                    .saved("/port", Codec.INT)
                    .shown(CLUSTER));
    public static final Setting<String> HOST =
            declare(Setting.of(AppKey.HOST, "cluster.host", null, in -> Strings.nonEmpty(in.r, AppKey.HOST))
                    .saved("/host", Codec.STRING)
                    .shown(CLUSTER));
    public static final Setting<AppSpec.Balance> BALANCE =
            declare(Setting.of(AppKey.BALANCE, "cluster.balance", AppSpec.Balance.ROUND_ROBIN, KeyReaders::balance)
                    .saved("/balance", Codec.enumNamed(AppSpec.Balance.class))
                    .shown(CLUSTER, AppSpec.Balance::wireName));
    public static final Setting<Boolean> WAIT_READY = declare(Setting.of(
                    AppKey.WAIT_READY,
                    "cluster.waitReady",
                    false,
                    in -> in.r.bool(AppKey.WAIT_READY, in.r.has(AppKey.READY_LINE)))
            .saved("/waitReady", Codec.BOOL)
            .shown(CLUSTER));
    public static final Setting<String> READY_LINE =
            declare(Setting.of(AppKey.READY_LINE, "cluster.readyLine", null, KeyReaders::readyLine)
                    .saved("/readyLine", Codec.STRING)
                    .shown(CLUSTER));
    public static final Setting<Long> LISTEN_TIMEOUT =
            declare(millis(AppKey.LISTEN_TIMEOUT, "cluster.listenTimeoutMs", ClusterSettings.DEFAULT_LISTEN_TIMEOUT_MS)
                    .saved("/listenTimeoutMs", Codec.LONG)
                    .shown(CLUSTER));
    public static final Setting<Long> DRAIN_TIMEOUT =
            declare(millis(AppKey.DRAIN_TIMEOUT, "cluster.drainTimeoutMs", ClusterSettings.DEFAULT_DRAIN_TIMEOUT_MS)
                    .saved("/drainTimeoutMs", Codec.LONG)
                    .shown(CLUSTER));
    public static final Setting<ClusterSettings.ListenMode> LISTEN_MODE = declare(Setting.of(
                    AppKey.LISTEN_MODE, "cluster.listenMode", ClusterSettings.ListenMode.PROXY, KeyReaders::listenMode)
            .saved("/listenMode", Codec.enumNamed(ClusterSettings.ListenMode.class))
            .shown(CLUSTER, ClusterSettings.ListenMode::wireName));
    public static final Setting<String> LISTEN_PATH =
            declare(Setting.of(AppKey.LISTEN_PATH, "cluster.listenPath", null, KeyReaders::listenPath)
                    .saved("/listenPath", Codec.STRING)
                    .shown(CLUSTER));
    static final Setting<Boolean> APPEND_ENV_TO_NAME =
            declare(Setting.input(AppKey.APPEND_ENV_TO_NAME, in -> in.r.bool(AppKey.APPEND_ENV_TO_NAME, false)));
    public static final Setting<List<String>> WATCH =
            declare(Setting.of(AppKey.WATCH, "watch.paths", List.<String>of(), KeyReaders::watchPaths)
                    .saved("/watch", Codec.STRINGS)
                    .shown(ALWAYS, paths -> paths.isEmpty() ? false : paths));
    public static final Setting<List<String>> IGNORE_WATCH = declare(Setting.of(
                    AppKey.IGNORE_WATCH,
                    "watch.ignore",
                    List.<String>of(),
                    in -> KeyReaders.patterns(in.r, AppKey.IGNORE_WATCH))
            .saved("/ignoreWatch", Codec.STRINGS)
            .shown(ALWAYS));
    public static final Setting<Long> WATCH_DELAY =
            declare(millis(AppKey.WATCH_DELAY, "watch.delayMs", WatchSettings.DEFAULT_DELAY_MS)
                    .saved("/watchDelayMs", Codec.LONG)
                    .shown(ALWAYS));
    static final Setting<JsonNode> WATCH_OPTIONS =
            declare(Setting.input(AppKey.WATCH_OPTIONS, KeyReaders::watchOptions));
    public static final Setting<Boolean> WATCH_POLLING =
            declare(Setting.of(AppKey.WATCH_OPTIONS, "watch.polling", false, KeyReaders::watchPolling)
                    .saved("/watchPolling", Codec.BOOL));
    public static final Setting<Long> WATCH_INTERVAL = declare(Setting.of(
                    AppKey.WATCH_OPTIONS,
                    "watch.intervalMs",
                    WatchSettings.DEFAULT_INTERVAL_MS,
                    KeyReaders::watchIntervalMs)
            .saved("/watchIntervalMs", Codec.LONG));
    public static final Setting<Boolean> WATCH_FOLLOW_SYMLINKS =
            declare(Setting.of(AppKey.WATCH_OPTIONS, "watch.followSymlinks", true, KeyReaders::watchFollowSymlinks)
                    .saved("/watchFollowSymlinks", Codec.BOOL));
    public static final Setting<String> CRON_RESTART =
            declare(Setting.of(AppKey.CRON_RESTART, "restart.cronRestart", null, KeyReaders::cron)
                    .saved("/cronRestart", Codec.STRING)
                    .shown(ALWAYS));
    public static final Setting<ProbeSpec> LIVENESS_PROBE =
            declare(probe(AppKey.LIVENESS_PROBE, "health.liveness", "/livenessProbe"));
    public static final Setting<ProbeSpec> READINESS_PROBE =
            declare(probe(AppKey.READINESS_PROBE, "health.readiness", "/readinessProbe"));
    public static final Setting<List<HealthSettings.Dependency>> DEPENDS_ON = declare(Setting.of(
                    AppKey.DEPENDS_ON,
                    "health.dependsOn",
                    List.<HealthSettings.Dependency>of(),
                    in -> HealthReader.dependsOn(in.r))
            .saved("/dependsOn", Codec.bound(new TypeReference<List<HealthSettings.Dependency>>() {}))
            .shown(ALWAYS, deps -> deps.stream()
                    .map(d -> d.app() + " (" + d.condition().wireName() + ")")
                    .toList()));

    /** Every declaration, in the order above, which is describe's. */
    public static final List<Setting<?>> ALL = List.copyOf(Declared.LIST);

    private static final Map<String, Setting<?>> BY_FIELD = byField();

    private Settings() {}

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
