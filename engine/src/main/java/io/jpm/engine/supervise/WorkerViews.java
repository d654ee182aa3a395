package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterFigures;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.health.HealthState;
import io.jpm.engine.health.ProbeOutcome;
import io.jpm.engine.health.ProbeReport;
import io.jpm.engine.metrics.Tick;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Snapshots of apps and workers as the wire's records ({@link WorkerView}, {@link WorkerDetail}); the app's settings
 * in describe are an open map by PM2 key.
 */
public final class WorkerViews {
    private static final Pattern SECRET = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL).*");

    private WorkerViews() {}

    /** The pid of a worker's current process, or null. */
    public static Long pid(Worker w) {
        return w.process() == null ? null : w.process().pid();
    }

    public static WorkerView listItem(App app, Worker w, Tick usage, long nowMs) {
        boolean cluster = app.spec().run().mode() == AppSpec.ExecMode.CLUSTER;
        RunningProcess p = w.process();
        return WorkerView.builder(w.id(), app.name(), w.status())
                .instance(w.instance())
                .mode(app.spec().run().mode().wireName())
                .pid(pid(w))
                .restarts(w.restarts())
                .uptimeMs(p == null ? 0 : Math.max(0, nowMs - p.startedAtMs()))
                .cpu(p == null ? 0.0 : usage.cpu(w.id()))
                .memory(p == null ? 0L : usage.memory(w.id()))
                .unstableRestarts(w.unstableRestarts())
                .lastExit(w.lastExit() == null ? null : w.lastExit().describe())
                .reason(w.reason())
                .port(Math.max(0, w.port()))
                .ready(ready(app, w, cluster))
                .conns(cluster ? ClusterFigures.conns(app, w) : null)
                .adopted(p != null && p.adopted())
                .watching(app.spec().watch().enabled())
                .listen(cluster ? ClusterFigures.listening(app) : null)
                .health(health(app, w))
                .build();
    }

    /** Cluster: in rotation; fork with wait_ready: READY=1 or node's 'ready' message received; else null. */
    private static Boolean ready(App app, Worker w, boolean cluster) {
        if (cluster) return w.ready();
        return app.spec().cluster().waitReady() ? Boolean.valueOf(w.ready() || w.readyNotified()) : null;
    }

    /** What the probes say of the current process; null when the app has none. */
    private static String health(App app, Worker w) {
        if (!app.spec().health().any()) return null;
        Worker.Health h = w.health();
        return h == null ? HealthState.UNKNOWN.wire() : h.state().wire();
    }

    private static List<WorkerDetail.Probe> probes(Worker w) {
        Worker.Health h = w.health();
        if (h == null) return List.of();
        List<WorkerDetail.Probe> out = new ArrayList<>();
        for (ProbeReport r : h.probes()) {
            out.add(new WorkerDetail.Probe(
                    r.probe(), r.target(), r.state().wire(), r.failures(), check(r.last()), check(r.lastFailure())));
        }
        return out;
    }

    private static WorkerDetail.Check check(ProbeOutcome o) {
        return o == null ? null : new WorkerDetail.Check(o.atMs(), o.ok(), o.output(), o.tookMs());
    }

    /** A worker's describe item; {@code metrics} is the worker's usage history, or null. */
    public static WorkerDetail describe(
            App app, Worker w, Tick usage, long nowMs, boolean showEnv, WorkerDetail.Usage metrics) {
        AppSpec s = app.spec();
        Map<String, String> env =
                w.process() != null ? w.process().env() : s.run().env();
        Path[] paths = app.logs().paths(w.id());
        Path combined = app.logs().combinedPath(w.id());
        Path pidFile = app.logs().pidPath(w.id());
        List<WorkerDetail.ExitRecord> history = new ArrayList<>();
        for (Worker.ExitRecord r : w.historySnapshot()) {
            history.add(new WorkerDetail.ExitRecord(r.atMs(), r.exit(), r.outcome()));
        }
        return new WorkerDetail(
                listItem(app, w, usage, nowMs),
                config(s),
                showEnv ? new java.util.TreeMap<>(env) : mask(env),
                new WorkerDetail.LogPaths(
                        paths[0].toString(),
                        paths[1].toString(),
                        w.unwrittenLines().get(),
                        combined == null ? null : combined.toString(),
                        pidFile == null ? null : pidFile.toString()),
                history,
                w.process() == null ? null : w.process().startedAtMs(),
                s.run().mode() == AppSpec.ExecMode.CLUSTER ? ClusterFigures.publicPort(app) : null,
                metrics,
                notifyStatus(w),
                nextCronRestart(s, nowMs),
                probes(w));
    }

    private static Long nextCronRestart(AppSpec s, long nowMs) {
        String cron = s.restart().cronRestart();
        if (cron == null) return null;
        return RestartTriggers.nextRun(cron, nowMs, java.time.ZoneId.systemDefault())
                .orElse(null);
    }

    private static WorkerDetail.NotifyStatus notifyStatus(Worker w) {
        Worker.NotifiedStatus status = w.notifyStatus();
        return status == null ? null : new WorkerDetail.NotifyStatus(status.text(), status.atMs());
    }

    /** The app's settings as describe shows them, by PM2 key in the catalogue's order. */
    static io.jpm.ipc.wire.AppConfig config(AppSpec s) {
        return io.jpm.engine.config.DescribeBlock.of(s);
    }

    /** The environment with the values of secret-looking keys hidden. */
    public static Map<String, String> mask(Map<String, String> env) {
        Map<String, String> masked = new java.util.TreeMap<>();
        env.forEach((k, v) -> masked.put(k, SECRET.matcher(k).matches() ? "********" : v));
        return masked;
    }
}
