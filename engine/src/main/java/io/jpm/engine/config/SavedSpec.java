package io.jpm.engine.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One app's settings as {@code dump.json} saves them: a flat record of its own, so that the domain record can change
 * shape without making old files unreadable.
 *
 * <p>Version 1 files (jpm before the spec had sections) bound {@code AppSpec} directly: the same field names, with
 * paths written as {@code file:} URIs. Version 2 writes plain paths. Both read through this record: a field that a file
 * lacks (written before the setting existed) takes the setting's default, and unknown fields are ignored, so an
 * upgrade or a downgrade by one version never loses an app.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedSpec(
        String name,
        List<String> command,
        String script,
        String cwd,
        Map<String, String> env,
        Integer instances,
        String mode,
        Boolean autorestart,
        Integer maxRestarts,
        Long minUptimeMs,
        Long restartDelayMs,
        Long expBackoffRestartDelayMs,
        Set<Integer> stopExitCodes,
        Long killTimeoutMs,
        String killSignal,
        Long maxMemoryRestartBytes,
        String instanceVar,
        String outFile,
        String errorFile,
        String logDateFormat,
        Boolean timestamps,
        Boolean mergeLogs,
        Integer port,
        String host,
        Boolean waitReady,
        String readyLine,
        Long listenTimeoutMs,
        Long drainTimeoutMs,
        AppSpec.LogRotation rotation,
        Boolean metricsTree,
        String balance,
        Long watchdogMs,
        String cronRestart,
        List<String> watch,
        List<String> ignoreWatch,
        Long watchDelayMs,
        Boolean watchPolling,
        Long watchIntervalMs,
        Boolean watchFollowSymlinks,
        String listenMode,
        String listenPath,
        Boolean shutdownWithMessage,
        ProbeSpec livenessProbe,
        ProbeSpec readinessProbe,
        List<HealthSettings.Dependency> dependsOn,
        String namespace,
        String incrementVar) {

    /** The version of the form {@link #of} writes. */
    public static final int VERSION = 2;

    public static SavedSpec of(AppSpec s) {
        Run run = s.run();
        RestartRules r = s.restart();
        LogSettings l = s.logs();
        ClusterSettings c = s.cluster();
        WatchSettings w = s.watch();
        return new SavedSpec(
                s.name(),
                run.command(),
                run.script(),
                run.cwd().toString(),
                run.env(),
                run.instances(),
                run.mode().name(),
                r.autorestart(),
                r.maxRestarts(),
                r.minUptimeMs(),
                r.restartDelayMs(),
                r.expBackoffRestartDelayMs(),
                r.stopExitCodes(),
                r.killTimeoutMs(),
                r.killSignal(),
                r.maxMemoryRestartBytes(),
                run.instanceVar(),
                l.outFile() == null ? null : l.outFile().toString(),
                l.errorFile() == null ? null : l.errorFile().toString(),
                l.dateFormat(),
                l.timestamps(),
                l.mergeLogs(),
                c.port(),
                c.host(),
                c.waitReady(),
                c.readyLine(),
                c.listenTimeoutMs(),
                c.drainTimeoutMs(),
                l.rotation(),
                run.metricsTree(),
                c.balance().name(),
                r.watchdogMs(),
                r.cronRestart(),
                w.paths(),
                w.ignore(),
                w.delayMs(),
                w.polling(),
                w.intervalMs(),
                w.followSymlinks(),
                c.listenMode().name(),
                c.listenPath(),
                r.shutdownWithMessage(),
                s.health().liveness(),
                s.health().readiness(),
                s.health().dependsOn(),
                run.namespace(),
                run.incrementVar());
    }

    /** The domain record; throws IllegalArgumentException naming the field when the saved value cannot be used. */
    public AppSpec toSpec() {
        Objects.requireNonNull(name, "saved app without a name");
        if (command == null || command.isEmpty()) throw new IllegalArgumentException("app " + name + ": no command");
        if (cwd == null) throw new IllegalArgumentException("app " + name + ": no cwd");
        RestartRules dr = RestartRules.DEFAULT;
        ClusterSettings dc = ClusterSettings.DEFAULT;
        LogSettings dl = LogSettings.DEFAULT;
        Run run = new Run(
                command,
                script,
                path(cwd),
                or(env, Map.of()),
                or(instances, 1),
                mode == null ? AppSpec.ExecMode.FORK : AppSpec.ExecMode.valueOf(mode),
                instanceVar,
                or(metricsTree, false),
                namespace,
                incrementVar);
        RestartRules restart = new RestartRules(
                or(autorestart, dr.autorestart()),
                or(maxRestarts, dr.maxRestarts()),
                or(minUptimeMs, dr.minUptimeMs()),
                or(restartDelayMs, dr.restartDelayMs()),
                or(expBackoffRestartDelayMs, dr.expBackoffRestartDelayMs()),
                or(stopExitCodes, dr.stopExitCodes()),
                or(maxMemoryRestartBytes, dr.maxMemoryRestartBytes()),
                or(killTimeoutMs, dr.killTimeoutMs()),
                or(killSignal, dr.killSignal()),
                or(watchdogMs, dr.watchdogMs()),
                cronRestart,
                or(shutdownWithMessage, dr.shutdownWithMessage()));
        LogSettings logs = new LogSettings(
                outFile == null ? null : path(outFile),
                errorFile == null ? null : path(errorFile),
                logDateFormat,
                or(timestamps, dl.timestamps()),
                or(mergeLogs, dl.mergeLogs()),
                or(rotation, dl.rotation()));
        ClusterSettings cluster = new ClusterSettings(
                or(port, dc.port()),
                host,
                balance == null ? dc.balance() : AppSpec.Balance.valueOf(balance),
                or(waitReady, dc.waitReady()),
                readyLine,
                or(listenTimeoutMs, dc.listenTimeoutMs()),
                or(drainTimeoutMs, dc.drainTimeoutMs()),
                listenMode == null ? dc.listenMode() : ClusterSettings.ListenMode.valueOf(listenMode),
                listenPath);
        WatchSettings dw = WatchSettings.OFF;
        WatchSettings watching = new WatchSettings(
                or(watch, dw.paths()),
                or(ignoreWatch, dw.ignore()),
                or(watchDelayMs, dw.delayMs()),
                or(watchPolling, dw.polling()),
                or(watchIntervalMs, dw.intervalMs()),
                or(watchFollowSymlinks, dw.followSymlinks()));
        return new AppSpec(
                name,
                run,
                restart,
                logs,
                cluster,
                watching,
                new HealthSettings(livenessProbe, readinessProbe, dependsOn));
    }

    /** A plain path (version 2) or a {@code file:} URI (version 1). */
    private static Path path(String saved) {
        return saved.startsWith("file:") ? Path.of(URI.create(saved)) : Path.of(saved);
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
