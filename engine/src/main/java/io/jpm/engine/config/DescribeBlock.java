package io.jpm.engine.config;

import io.jpm.ipc.AppKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config block of {@code describe}: the keys the {@link AppKey} catalogue marks as shown, in catalogue order, with
 * the values jpm runs the app with (durations in ms, sizes in bytes). The cluster keys show only for a cluster app
 * with a public port; the argv follows the script as {@code command}.
 */
public final class DescribeBlock {

    private DescribeBlock() {}

    public static Map<String, Object> of(AppSpec s) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (AppKey k : AppKey.values()) {
            if (k.shown() == AppKey.Shown.NEVER) continue;
            if (k.shown() == AppKey.Shown.CLUSTER
                    && s.cluster().port() <= 0
                    && s.cluster().listenPath() == null) continue;
            c.put(k.key(), value(k, s));
            if (k == AppKey.SCRIPT) c.put("command", s.run().command());
        }
        return c;
    }

    /** The value of one shown key; a key added to the catalogue as shown must get its case here. */
    static Object value(AppKey k, AppSpec s) {
        Run run = s.run();
        RestartRules restart = s.restart();
        LogSettings logs = s.logs();
        ClusterSettings cluster = s.cluster();
        return switch (k) {
            case SCRIPT -> run.script();
            case CWD -> run.cwd().toString();
            case INSTANCES -> run.instances();
            case EXEC_MODE -> run.mode().wireName();
            case AUTORESTART -> restart.autorestart();
            case MAX_RESTARTS -> restart.maxRestarts();
            case MIN_UPTIME -> restart.minUptimeMs();
            case RESTART_DELAY -> restart.restartDelayMs();
            case EXP_BACKOFF_RESTART_DELAY -> restart.expBackoffRestartDelayMs();
            case STOP_EXIT_CODES -> restart.stopExitCodes();
            case KILL_TIMEOUT -> restart.killTimeoutMs();
            case KILL_SIGNAL -> restart.killSignal();
            case SHUTDOWN_WITH_MESSAGE -> restart.shutdownWithMessage();
            case MAX_MEMORY_RESTART -> restart.maxMemoryRestartBytes();
            case INSTANCE_VAR -> run.instanceVar() == null ? "JPM_INSTANCE, NODE_APP_INSTANCE" : run.instanceVar();
            case MERGE_LOGS -> logs.mergeLogs();
            case TIME -> logs.timestamps();
            case LOG_DATE_FORMAT -> logs.dateFormat();
            case LOG_MAX_SIZE -> logs.rotation().maxBytes();
            case LOG_KEEP -> logs.rotation().keep();
            case LOG_COMPRESS -> logs.rotation().compress();
            case METRICS_TREE -> run.metricsTree();
            case NAMESPACE -> run.namespace();
            case INCREMENT_VAR -> run.incrementVar();
            case WATCHDOG_SEC -> restart.watchdogMs() / 1000.0;
            case WATCH -> s.watch().enabled() ? s.watch().paths() : false;
            case IGNORE_WATCH -> s.watch().ignore();
            case WATCH_DELAY -> s.watch().delayMs();
            case LIVENESS_PROBE ->
                s.health().liveness() == null ? null : s.health().liveness().describe();
            case DEPENDS_ON ->
                s.health().dependsOn().stream()
                        .map(d -> d.app() + " (" + d.condition().wireName() + ")")
                        .toList();
            case READINESS_PROBE ->
                s.health().readiness() == null ? null : s.health().readiness().describe();
            case CRON_RESTART -> restart.cronRestart();
            case PORT -> cluster.port();
            case HOST -> cluster.host();
            case BALANCE -> cluster.balance().wireName();
            case WAIT_READY -> cluster.waitReady();
            case READY_LINE -> cluster.readyLine();
            case LISTEN_TIMEOUT -> cluster.listenTimeoutMs();
            case DRAIN_TIMEOUT -> cluster.drainTimeoutMs();
            case LISTEN_MODE -> cluster.listenMode().wireName();
            case LISTEN_PATH -> cluster.listenPath();
            default -> throw new IllegalArgumentException("not shown in describe: " + k.key());
        };
    }
}
