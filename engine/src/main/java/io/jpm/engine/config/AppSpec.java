package io.jpm.engine.config;

import java.util.Map;
import java.util.Objects;

/**
 * One app's validated, sealed configuration, in sections: what to run, when to restart it, where its logs go, and
 * how a cluster shares its port.
 *
 * <p>Built once from an ecosystem entry or the command line by {@link AppSpecParser}; never mutated. A change
 * (scale, --update-env) makes a new value with a {@code with…} method.
 */
public record AppSpec(
        String name,
        Run run,
        RestartRules restart,
        LogSettings logs,
        ClusterSettings cluster,
        WatchSettings watch,
        HealthSettings health) {

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
        public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
        public static final int DEFAULT_KEEP = 10;
        public static final LogRotation DEFAULT = Settings.defaults(LogRotation.class, "logs.rotation");

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
        Objects.requireNonNull(health, "health");
    }

    /** The six sections before health probes existed: no probes. */
    public AppSpec(
            String name,
            Run run,
            RestartRules restart,
            LogSettings logs,
            ClusterSettings cluster,
            WatchSettings watch) {
        this(name, run, restart, logs, cluster, watch, HealthSettings.NONE);
    }

    /** The five sections before watch existed: not watched. */
    public AppSpec(String name, Run run, RestartRules restart, LogSettings logs, ClusterSettings cluster) {
        this(name, run, restart, logs, cluster, WatchSettings.OFF, HealthSettings.NONE);
    }

    public AppSpec withWatch(WatchSettings newWatch) {
        return new AppSpec(name, run, restart, logs, cluster, newWatch, health);
    }

    /** A fork-mode app running {@code run} with every other setting at its default. */
    public static AppSpec of(String name, Run run) {
        return new AppSpec(name, run, RestartRules.DEFAULT, LogSettings.DEFAULT, ClusterSettings.DEFAULT);
    }

    public AppSpec withHealth(HealthSettings newHealth) {
        return new AppSpec(name, run, restart, logs, cluster, watch, newHealth);
    }

    public AppSpec withRun(Run newRun) {
        return new AppSpec(name, newRun, restart, logs, cluster, watch, health);
    }

    public AppSpec withRestart(RestartRules newRestart) {
        return new AppSpec(name, run, newRestart, logs, cluster, watch, health);
    }

    public AppSpec withLogs(LogSettings newLogs) {
        return new AppSpec(name, run, restart, newLogs, cluster, watch, health);
    }

    public AppSpec withCluster(ClusterSettings newCluster) {
        return new AppSpec(name, run, restart, logs, newCluster, watch, health);
    }

    public AppSpec withInstances(int n) {
        return withRun(run.withInstances(n));
    }

    public AppSpec withEnv(Map<String, String> newEnv) {
        return withRun(run.withEnv(newEnv));
    }

    /** Cluster mode through jpm's balancer, which spreads the public port over each worker's private port. */
    public boolean balanced() {
        return run.mode() == ExecMode.CLUSTER && !cluster.nodeCluster() && !cluster.sharesSocket();
    }

    /** Cluster mode without a port, run by node: node's cluster module, the daemon its primary, shares the socket. */
    public boolean nodeCluster() {
        return run.mode() == ExecMode.CLUSTER && cluster.nodeCluster() && runByNode();
    }

    /** True when node runs the app (as PM2 decides it, by the interpreter): its workers get node's IPC channel. */
    public boolean runByNode() {
        java.nio.file.Path program = java.nio.file.Path.of(run.command().get(0)).getFileName();
        return program != null && program.toString().matches("node(js)?[0-9]*");
    }
}
