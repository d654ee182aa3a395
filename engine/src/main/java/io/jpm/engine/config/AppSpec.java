package io.jpm.engine.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One app's validated, sealed configuration, in sections: what to run, when to restart it, where its logs go, and
 * how a cluster shares its port.
 *
 * <p>Built once from an ecosystem entry or the command line by {@link AppSpecParser}; never mutated. A change
 * (scale, --update-env) makes a new value with a {@code with…} method.
 */
public final class AppSpec {

    /**
     * The section views, by the first segment of their settings' paths ({@code "restart.maxRestarts"}), in order.
     */
    static final Map<String, Class<? extends Record>> SECTIONS = sections();

    /** Every stored setting's value (null where unset), keyed by its declaration; never changed after construction. */
    private final Map<Setting<?>, Object> values;

    private final String name;
    private final Run run;
    private final RestartRules restart;
    private final LogSettings logs;
    private final ClusterSettings cluster;
    private final WatchSettings watch;
    private final HealthSettings health;

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

    /**
     * The spec of these values, one per stored setting of {@link Settings#ALL}; a missing one takes its default.
     * Throws IllegalArgumentException when a section's own checks reject a value.
     */
    AppSpec(Map<Setting<?>, Object> given) {
        Map<Setting<?>, Object> all = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.isStored()) all.put(s, given.containsKey(s) ? given.get(s) : s.fallback());
        }
        this.values = Collections.unmodifiableMap(all);
        this.name = Objects.requireNonNull((String) values.get(Settings.NAME), "name");
        this.run = section(Run.class, "run");
        this.restart = section(RestartRules.class, "restart");
        this.logs = section(LogSettings.class, "logs");
        this.cluster = section(ClusterSettings.class, "cluster");
        this.watch = section(WatchSettings.class, "watch");
        this.health = section(HealthSettings.class, "health");
    }

    /** A spec made of its sections, every setting outside them at its default. */
    public AppSpec(
            String name,
            Run run,
            RestartRules restart,
            LogSettings logs,
            ClusterSettings cluster,
            WatchSettings watch,
            HealthSettings health) {
        this(Map.of(), name, run, restart, logs, cluster, watch, health);
    }

    private AppSpec(Map<Setting<?>, Object> base, String name, Record... sections) {
        this(withSections(base, name, sections));
    }

    /** The value of {@code setting}: the typed way to read any app setting ({@code spec.get(Settings.WATCH_DELAY)}). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) throw new IllegalArgumentException(setting + " is not a stored setting");
        return (T) values.get(setting);
    }

    /** A copy with {@code setting} set to {@code value}. */
    public <T> AppSpec with(Setting<T> setting, T value) {
        if (!values.containsKey(setting)) throw new IllegalArgumentException(setting + " is not a stored setting");
        Map<Setting<?>, Object> copy = new HashMap<>(values);
        copy.put(setting, value);
        return new AppSpec(copy);
    }

    public String name() {
        return name;
    }

    public Run run() {
        return run;
    }

    public RestartRules restart() {
        return restart;
    }

    public LogSettings logs() {
        return logs;
    }

    public ClusterSettings cluster() {
        return cluster;
    }

    public WatchSettings watch() {
        return watch;
    }

    public HealthSettings health() {
        return health;
    }

    /** A fork-mode app running {@code run} with every other setting at its default. */
    public static AppSpec of(String name, Run run) {
        return new AppSpec(
                name,
                run,
                RestartRules.DEFAULT,
                LogSettings.DEFAULT,
                ClusterSettings.DEFAULT,
                WatchSettings.OFF,
                HealthSettings.NONE);
    }

    public AppSpec withWatch(WatchSettings newWatch) {
        return new AppSpec(values, name, run, restart, logs, cluster, newWatch, health);
    }

    public AppSpec withHealth(HealthSettings newHealth) {
        return new AppSpec(values, name, run, restart, logs, cluster, watch, newHealth);
    }

    public AppSpec withRun(Run newRun) {
        return new AppSpec(values, name, newRun, restart, logs, cluster, watch, health);
    }

    public AppSpec withRestart(RestartRules newRestart) {
        return new AppSpec(values, name, run, newRestart, logs, cluster, watch, health);
    }

    public AppSpec withLogs(LogSettings newLogs) {
        return new AppSpec(values, name, run, restart, newLogs, cluster, watch, health);
    }

    public AppSpec withCluster(ClusterSettings newCluster) {
        return new AppSpec(values, name, run, restart, logs, newCluster, watch, health);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof AppSpec other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "AppSpec[name=" + name + ", run=" + run + ", restart=" + restart + ", logs=" + logs + ", cluster="
                + cluster + ", watch=" + watch + ", health=" + health + "]";
    }

    /** The view of one section, built from the values of the settings whose paths start with {@code prefix}. */
    private <R extends Record> R section(Class<R> type, String prefix) {
        return SpecShape.build(type, prefix + ".", path -> values.get(Settings.atField(path)));
    }

    /** {@code base} with the name and each section's components written over the settings they view. */
    private static Map<Setting<?>, Object> withSections(Map<Setting<?>, Object> base, String name, Record... sections) {
        Map<Setting<?>, Object> out = new HashMap<>(base);
        out.put(Settings.NAME, name);
        int i = 0;
        for (String prefix : SECTIONS.keySet()) {
            Record section = Objects.requireNonNull(sections[i++], prefix);
            for (String path : SpecShape.leafPaths(section.getClass(), "")) {
                out.put(Settings.atField(prefix + "." + path), SpecShape.valueAt(section, path));
            }
        }
        return out;
    }

    private static Map<String, Class<? extends Record>> sections() {
        Map<String, Class<? extends Record>> m = new LinkedHashMap<>();
        m.put("run", Run.class);
        m.put("restart", RestartRules.class);
        m.put("logs", LogSettings.class);
        m.put("cluster", ClusterSettings.class);
        m.put("watch", WatchSettings.class);
        m.put("health", HealthSettings.class);
        return Collections.unmodifiableMap(m);
    }
}
