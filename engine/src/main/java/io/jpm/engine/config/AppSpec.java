package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One app's validated, sealed configuration: what to run and how to supervise it.
 *
 * <p>Built once from an ecosystem entry or the command line by {@link AppSpecParser}; never mutated.
 * A change (scale, --update-env) makes a new value with a {@code with…} method.
 */
public record AppSpec(
        String name,
        List<String> command, // argv: interpreter + interpreter_args + script + args, or the binary + args
        String script, // as written by the user, for describe
        Path cwd,
        Map<String, String> env, // the full environment the workers get (minus PORT and instance vars)
        int instances,
        ExecMode mode,
        boolean autorestart,
        int maxRestarts,
        long minUptimeMs,
        long restartDelayMs,
        long expBackoffRestartDelayMs, // 0 = off
        Set<Integer> stopExitCodes,
        long killTimeoutMs,
        String killSignal, // e.g. "SIGINT"
        long maxMemoryRestartBytes, // 0 = off
        String instanceVar, // null = JPM_INSTANCE and NODE_APP_INSTANCE
        Path outFile, // null = JPM_HOME/logs/<name>-out[-<id>].log
        Path errorFile, // null = JPM_HOME/logs/<name>-error[-<id>].log
        String logDateFormat, // java.time pattern; null = ISO-8601 with millis and offset
        boolean timestamps, // false = lines are written without a timestamp prefix
        boolean mergeLogs,
        int port, // cluster public port; 0 = none
        String host, // cluster bind address; null = all addresses
        boolean waitReady,
        String readyLine, // with waitReady: a stdout line containing this marks the worker ready (as READY=1 does)
        long listenTimeoutMs,
        long drainTimeoutMs,
        LogRotation rotation,
        boolean metricsTree, // true = a worker's CPU and memory include its descendants'
        Balance balance,
        long watchdogMs) { // > 0: a process that sends no WATCHDOG=1 on NOTIFY_SOCKET for this long is restarted

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
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(killSignal, "killSignal");
        Objects.requireNonNull(rotation, "rotation");
        if (balance == null) balance = Balance.ROUND_ROBIN; // a dump.json written before the setting existed
        command = List.copyOf(command);
        env = Map.copyOf(env);
        stopExitCodes = Set.copyOf(stopExitCodes);
        if (command.isEmpty()) throw new IllegalArgumentException("empty command for app " + name);
        if (instances < 0) throw new IllegalArgumentException("instances < 0: " + instances);
        if (watchdogMs < 0) throw new IllegalArgumentException("watchdog < 0 ms: " + watchdogMs);
    }

    public AppSpec withInstances(int n) {
        return copy(env, n);
    }

    public AppSpec withEnv(Map<String, String> newEnv) {
        return copy(newEnv, instances);
    }

    private AppSpec copy(Map<String, String> newEnv, int n) {
        return new AppSpec(
                name,
                command,
                script,
                cwd,
                newEnv,
                n,
                mode,
                autorestart,
                maxRestarts,
                minUptimeMs,
                restartDelayMs,
                expBackoffRestartDelayMs,
                stopExitCodes,
                killTimeoutMs,
                killSignal,
                maxMemoryRestartBytes,
                instanceVar,
                outFile,
                errorFile,
                logDateFormat,
                timestamps,
                mergeLogs,
                port,
                host,
                waitReady,
                readyLine,
                listenTimeoutMs,
                drainTimeoutMs,
                rotation,
                metricsTree,
                balance,
                watchdogMs);
    }
}
