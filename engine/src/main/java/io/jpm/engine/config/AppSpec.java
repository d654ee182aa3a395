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
}
