package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One app's validated, sealed configuration, in sections: what to run, when to restart it, where its logs go, and
 * how a cluster shares its port.
 *
 * <p>Built once from an ecosystem entry or the command line by {@link AppSpecParser}; never mutated. A change
 * (scale, --update-env) makes a new value with a {@code with…} method.
 */
public record AppSpec(
        String name, Run run, RestartRules restart, LogSettings logs, ClusterSettings cluster, WatchSettings watch) {

    public enum ExecMode {
        FORK,
        CLUSTER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a cluster's balancer picks the worker of each new connection. */
    public enum Balance {
        ROUND_ROBIN,
        LEAST_CONNECTIONS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Log rotation settings of one app. */
    public record LogRotation(long maxBytes, int keep, boolean compress) {
        public static final LogRotation DEFAULT = new LogRotation(10L * 1024 * 1024, 10, false);

        public LogRotation {
            if (maxBytes < 1024) throw new IllegalArgumentException("log max size < 1024: " + maxBytes);
            if (keep < 1) throw new IllegalArgumentException("log keep < 1: " + keep);
        }
    }

    public AppSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(watch, "watch");
    }

    /** The five sections before watch existed: not watched. */
    public AppSpec(String name, Run run, RestartRules restart, LogSettings logs, ClusterSettings cluster) {
        this(name, run, restart, logs, cluster, WatchSettings.OFF);
    }

    public AppSpec withWatch(WatchSettings newWatch) {
        return new AppSpec(name, run, restart, logs, cluster, newWatch);
    }

    /** A fork-mode app running {@code run} with every other setting at its default. */
    public static AppSpec of(String name, Run run) {
        return new AppSpec(name, run, RestartRules.DEFAULT, LogSettings.DEFAULT, ClusterSettings.DEFAULT);
    }

    public AppSpec withRun(Run newRun) {
        return new AppSpec(name, newRun, restart, logs, cluster, watch);
    }

    public AppSpec withRestart(RestartRules newRestart) {
        return new AppSpec(name, run, newRestart, logs, cluster, watch);
    }

    public AppSpec withLogs(LogSettings newLogs) {
        return new AppSpec(name, run, restart, newLogs, cluster, watch);
    }

    public AppSpec withCluster(ClusterSettings newCluster) {
        return new AppSpec(name, run, restart, logs, newCluster, watch);
    }

    public AppSpec withInstances(int n) {
        return withRun(run.withInstances(n));
    }

    public AppSpec withEnv(Map<String, String> newEnv) {
        return withRun(run.withEnv(newEnv));
    }

    // Flat accessors of the spec before it had sections, kept for the merge: the engine's consumers move to the
    // section accessors in their own branch, then these go.

    /** Kept for the merge: use {@code run.command()}. */
    @Deprecated(forRemoval = true)
    public List<String> command() {
        return run.command();
    }

    /** Kept for the merge: use {@code run.script()}. */
    @Deprecated(forRemoval = true)
    public String script() {
        return run.script();
    }

    /** Kept for the merge: use {@code run.cwd()}. */
    @Deprecated(forRemoval = true)
    public Path cwd() {
        return run.cwd();
    }

    /** Kept for the merge: use {@code run.env()}. */
    @Deprecated(forRemoval = true)
    public Map<String, String> env() {
        return run.env();
    }

    /** Kept for the merge: use {@code run.instances()}. */
    @Deprecated(forRemoval = true)
    public int instances() {
        return run.instances();
    }

    /** Kept for the merge: use {@code run.mode()}. */
    @Deprecated(forRemoval = true)
    public ExecMode mode() {
        return run.mode();
    }

    /** Kept for the merge: use {@code restart.autorestart()}. */
    @Deprecated(forRemoval = true)
    public boolean autorestart() {
        return restart.autorestart();
    }

    /** Kept for the merge: use {@code restart.maxRestarts()}. */
    @Deprecated(forRemoval = true)
    public int maxRestarts() {
        return restart.maxRestarts();
    }

    /** Kept for the merge: use {@code restart.minUptimeMs()}. */
    @Deprecated(forRemoval = true)
    public long minUptimeMs() {
        return restart.minUptimeMs();
    }

    /** Kept for the merge: use {@code restart.restartDelayMs()}. */
    @Deprecated(forRemoval = true)
    public long restartDelayMs() {
        return restart.restartDelayMs();
    }

    /** Kept for the merge: use {@code restart.expBackoffRestartDelayMs()}. */
    @Deprecated(forRemoval = true)
    public long expBackoffRestartDelayMs() {
        return restart.expBackoffRestartDelayMs();
    }

    /** Kept for the merge: use {@code restart.stopExitCodes()}. */
    @Deprecated(forRemoval = true)
    public Set<Integer> stopExitCodes() {
        return restart.stopExitCodes();
    }

    /** Kept for the merge: use {@code restart.killTimeoutMs()}. */
    @Deprecated(forRemoval = true)
    public long killTimeoutMs() {
        return restart.killTimeoutMs();
    }

    /** Kept for the merge: use {@code restart.killSignal()}. */
    @Deprecated(forRemoval = true)
    public String killSignal() {
        return restart.killSignal();
    }

    /** Kept for the merge: use {@code restart.maxMemoryRestartBytes()}. */
    @Deprecated(forRemoval = true)
    public long maxMemoryRestartBytes() {
        return restart.maxMemoryRestartBytes();
    }

    /** Kept for the merge: use {@code run.instanceVar()}. */
    @Deprecated(forRemoval = true)
    public String instanceVar() {
        return run.instanceVar();
    }

    /** Kept for the merge: use {@code logs.outFile()}. */
    @Deprecated(forRemoval = true)
    public Path outFile() {
        return logs.outFile();
    }

    /** Kept for the merge: use {@code logs.errorFile()}. */
    @Deprecated(forRemoval = true)
    public Path errorFile() {
        return logs.errorFile();
    }

    /** Kept for the merge: use {@code logs.dateFormat()}. */
    @Deprecated(forRemoval = true)
    public String logDateFormat() {
        return logs.dateFormat();
    }

    /** Kept for the merge: use {@code logs.timestamps()}. */
    @Deprecated(forRemoval = true)
    public boolean timestamps() {
        return logs.timestamps();
    }

    /** Kept for the merge: use {@code logs.mergeLogs()}. */
    @Deprecated(forRemoval = true)
    public boolean mergeLogs() {
        return logs.mergeLogs();
    }

    /** Kept for the merge: use {@code cluster.port()}, which is {@link ClusterSettings#NO_PORT} without a port key. */
    @Deprecated(forRemoval = true)
    public int port() {
        return Math.max(0, cluster.port());
    }

    /** Kept for the merge: use {@code cluster.host()}. */
    @Deprecated(forRemoval = true)
    public String host() {
        return cluster.host();
    }

    /** Kept for the merge: use {@code cluster.waitReady()}. */
    @Deprecated(forRemoval = true)
    public boolean waitReady() {
        return cluster.waitReady();
    }

    /** Kept for the merge: use {@code cluster.readyLine()}. */
    @Deprecated(forRemoval = true)
    public String readyLine() {
        return cluster.readyLine();
    }

    /** Kept for the merge: use {@code cluster.listenTimeoutMs()}. */
    @Deprecated(forRemoval = true)
    public long listenTimeoutMs() {
        return cluster.listenTimeoutMs();
    }

    /** Kept for the merge: use {@code cluster.drainTimeoutMs()}. */
    @Deprecated(forRemoval = true)
    public long drainTimeoutMs() {
        return cluster.drainTimeoutMs();
    }

    /** Kept for the merge: use {@code logs.rotation()}. */
    @Deprecated(forRemoval = true)
    public LogRotation rotation() {
        return logs.rotation();
    }

    /** Kept for the merge: use {@code run.metricsTree()}. */
    @Deprecated(forRemoval = true)
    public boolean metricsTree() {
        return run.metricsTree();
    }

    /** Kept for the merge: use {@code cluster.balance()}. */
    @Deprecated(forRemoval = true)
    public Balance balance() {
        return cluster.balance();
    }
}
