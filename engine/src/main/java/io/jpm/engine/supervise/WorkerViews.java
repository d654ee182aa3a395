package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterRouting;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.metrics.Tick;
import io.jpm.ipc.wire.WorkerDetail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Snapshots of apps and workers as plain maps for the wire. The field names of {@link #listItem} are a contract:
 * scripts parse {@code jpm list --json}, so fields are only ever added.
 */
public final class WorkerViews {
    private static final Pattern SECRET = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL).*");

    private WorkerViews() {}

    /** The pid of a worker's current process, or null. */
    public static Long pid(Worker w) {
        return w.process() == null ? null : w.process().pid();
    }

    public static Map<String, Object> listItem(App app, Worker w, Tick usage, long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("name", app.name());
        m.put("instance", w.instance());
        m.put("mode", app.spec().mode().wireName());
        m.put("pid", w.process() == null ? null : w.process().pid());
        m.put("status", w.status().wire());
        m.put("restarts", w.restarts());
        m.put(
                "uptimeMs",
                w.process() == null ? 0 : Math.max(0, nowMs - w.process().startedAtMs()));
        m.put("cpu", w.process() == null ? 0.0 : usage.cpu(w.id()));
        m.put("memory", w.process() == null ? 0L : usage.memory(w.id()));
        m.put("unstableRestarts", w.unstableRestarts());
        m.put("lastExit", w.lastExit() == null ? null : w.lastExit().describe());
        m.put("reason", w.reason());
        if (w.port() > 0) m.put("port", w.port());
        if (app.spec().mode() == AppSpec.ExecMode.CLUSTER) {
            m.put("ready", w.ready());
            m.put("conns", ClusterRouting.conns(app, w));
        }
        if (w.process() != null && w.process().adopted()) m.put("adopted", true);
        if (app.spec().watch().enabled()) m.put("watching", true);
        return m;
    }

    public static Map<String, Object> describe(App app, Worker w, Tick usage, long nowMs, boolean showEnv) {
        Map<String, Object> m = listItem(app, w, usage, nowMs);
        AppSpec s = app.spec();
        m.put("config", config(s));
        Map<String, String> env = w.process() != null ? w.process().env() : s.env();
        m.put("env", showEnv ? new java.util.TreeMap<>(env) : mask(env));
        String[] paths = {
            app.logs().paths(w.id())[0].toString(), app.logs().paths(w.id())[1].toString()
        };
        m.put("logs", Map.of("out", paths[0], "err", paths[1]));
        List<Map<String, Object>> history = new ArrayList<>();
        for (Worker.ExitRecord r : w.historySnapshot()) {
            history.add(Map.of("at", r.atMs(), "exit", r.exit(), "outcome", r.outcome()));
        }
        m.put("restartHistory", history);
        m.put("startedAt", w.process() == null ? null : w.process().startedAtMs());
        if (s.mode() == AppSpec.ExecMode.CLUSTER) m.put("publicPort", ClusterRouting.publicPort(app));
        Worker.NotifiedStatus status = w.notifyStatus();
        if (status != null) m.put("notifyStatus", new WorkerDetail.NotifyStatus(status.text(), status.atMs()));
        String cron = s.restart().cronRestart();
        if (cron != null) {
            RestartTriggers.nextRun(cron, nowMs, java.time.ZoneId.systemDefault())
                    .ifPresent(t -> m.put("nextCronRestart", t));
        }
        return m;
    }

    static Map<String, Object> config(AppSpec s) {
        return io.jpm.engine.config.DescribeBlock.of(s);
    }

    /** The environment with the values of secret-looking keys hidden. */
    public static Map<String, String> mask(Map<String, String> env) {
        Map<String, String> masked = new java.util.TreeMap<>();
        env.forEach((k, v) -> masked.put(k, SECRET.matcher(k).matches() ? "********" : v));
        return masked;
    }
}
