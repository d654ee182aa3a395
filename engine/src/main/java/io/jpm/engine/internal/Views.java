package io.jpm.engine.internal;

import io.jpm.engine.config.AppSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Snapshots of apps and workers as plain maps for the wire. The field names of {@link #listItem} are a contract:
 * scripts parse {@code jpm list --json}, so fields are only ever added.
 */
public final class Views {
    private static final Pattern SECRET = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL).*");

    /** The latest CPU and memory figures of a worker, supplied by the metrics sampler. */
    public interface Usage {
        double cpu(int workerId);

        long memory(int workerId);
    }

    private Views() {}

    /** The pid of a worker's current process, or null. */
    public static Long pid(Worker w) {
        return w.process == null ? null : w.process.pid();
    }

    public static Map<String, Object> listItem(App app, Worker w, Usage usage, long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id);
        m.put("name", app.name());
        m.put("instance", w.instance);
        m.put("mode", app.spec().mode().wireName());
        m.put("pid", w.process == null ? null : w.process.pid());
        m.put("status", w.status.wire());
        m.put("restarts", w.restarts);
        m.put("uptimeMs", w.process == null ? 0 : Math.max(0, nowMs - w.process.startedAtMs()));
        m.put("cpu", w.process == null ? 0.0 : usage.cpu(w.id));
        m.put("memory", w.process == null ? 0L : usage.memory(w.id));
        m.put("unstableRestarts", w.policy.unstableExits());
        m.put("lastExit", w.lastExit == null ? null : w.lastExit.describe());
        m.put("reason", w.reason);
        if (w.port > 0) m.put("port", w.port);
        if (app.spec().mode() == AppSpec.ExecMode.CLUSTER) {
            m.put("ready", w.ready);
            m.put("conns", ClusterRouting.conns(app, w));
        }
        if (w.process != null && w.process.adopted()) m.put("adopted", true);
        return m;
    }

    public static Map<String, Object> describe(App app, Worker w, Usage usage, long nowMs, boolean showEnv) {
        Map<String, Object> m = listItem(app, w, usage, nowMs);
        AppSpec s = app.spec();
        m.put("config", config(s));
        Map<String, String> env = w.process != null ? w.process.env() : s.env();
        m.put("env", showEnv ? new java.util.TreeMap<>(env) : mask(env));
        String[] paths = {app.logs.paths(w.id)[0].toString(), app.logs.paths(w.id)[1].toString()};
        m.put("logs", Map.of("out", paths[0], "err", paths[1]));
        List<Map<String, Object>> history = new ArrayList<>();
        for (Worker.ExitRecord r : w.historySnapshot()) {
            history.add(Map.of("at", r.atMs(), "exit", r.exit(), "outcome", r.outcome()));
        }
        m.put("restartHistory", history);
        m.put("startedAt", w.process == null ? null : w.process.startedAtMs());
        if (s.mode() == AppSpec.ExecMode.CLUSTER) m.put("publicPort", ClusterRouting.publicPort(app));
        Worker.NotifiedStatus status = w.currentStatus();
        if (status != null) m.put("notifyStatus", Map.of("text", status.text(), "at", status.atMs()));
        return m;
    }

    static Map<String, Object> config(AppSpec s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("script", s.script());
        c.put("command", s.command());
        c.put("cwd", s.cwd().toString());
        c.put("instances", s.instances());
        c.put("exec_mode", s.mode().wireName());
        c.put("autorestart", s.autorestart());
        c.put("max_restarts", s.maxRestarts());
        c.put("min_uptime", s.minUptimeMs());
        c.put("restart_delay", s.restartDelayMs());
        c.put("exp_backoff_restart_delay", s.expBackoffRestartDelayMs());
        c.put("stop_exit_codes", s.stopExitCodes());
        c.put("kill_timeout", s.killTimeoutMs());
        c.put("kill_signal", s.killSignal());
        c.put("max_memory_restart", s.maxMemoryRestartBytes());
        c.put("instance_var", s.instanceVar() == null ? "JPM_INSTANCE, NODE_APP_INSTANCE" : s.instanceVar());
        c.put("merge_logs", s.mergeLogs());
        c.put("time", s.timestamps());
        c.put("log_date_format", s.logDateFormat());
        c.put("log_max_size", s.rotation().maxBytes());
        c.put("log_keep", s.rotation().keep());
        c.put("log_compress", s.rotation().compress());
        c.put("metrics_tree", s.metricsTree());
        if (s.watchdogMs() > 0) c.put("watchdog_sec", s.watchdogMs() / 1000.0);
        if (s.port() > 0) {
            c.put("port", s.port());
            c.put("host", s.host());
            c.put("balance", s.balance().wireName());
            c.put("wait_ready", s.waitReady());
            c.put("ready_line", s.readyLine());
            c.put("listen_timeout", s.listenTimeoutMs());
            c.put("drain_timeout", s.drainTimeoutMs());
        }
        return c;
    }

    /** The environment with the values of secret-looking keys hidden. */
    public static Map<String, String> mask(Map<String, String> env) {
        Map<String, String> masked = new java.util.TreeMap<>();
        env.forEach((k, v) -> masked.put(k, SECRET.matcher(k).matches() ? "********" : v));
        return masked;
    }
}
