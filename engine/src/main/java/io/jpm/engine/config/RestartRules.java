package io.jpm.engine.config;

import java.util.Objects;
import java.util.Set;

/**
 * How an app's workers are stopped and when they are started again.
 *
 * @param expBackoffRestartDelayMs 0 = off
 * @param maxMemoryRestartBytes 0 = off
 * @param killSignal the signal a stop sends first, e.g. "SIGINT"; SIGKILL follows after killTimeoutMs
 * @param watchdogMs 0 = off; else a process that sends no {@code WATCHDOG=1} on NOTIFY_SOCKET for this long is
 *     restarted (systemd's {@code WatchdogSec=})
 * @param cronRestart PM2's {@code cron_restart}, validated; null = none
 */
public record RestartRules(
        boolean autorestart,
        int maxRestarts,
        long minUptimeMs,
        long restartDelayMs,
        long expBackoffRestartDelayMs,
        Set<Integer> stopExitCodes,
        long maxMemoryRestartBytes,
        long killTimeoutMs,
        String killSignal,
        long watchdogMs,
        String cronRestart) {

    public static final int DEFAULT_MAX_RESTARTS = 16;
    public static final long DEFAULT_MIN_UPTIME_MS = 1000;
    public static final long DEFAULT_KILL_TIMEOUT_MS = 1600; // PM2's
    public static final String DEFAULT_KILL_SIGNAL = "SIGINT";

    /** PM2's defaults. */
    public static final RestartRules DEFAULT = Settings.defaults(RestartRules.class, "restart");

    public RestartRules {
        Objects.requireNonNull(killSignal, "killSignal");
        stopExitCodes = Set.copyOf(stopExitCodes);
        if (watchdogMs < 0) throw new IllegalArgumentException("watchdog < 0 ms: " + watchdogMs);
    }
}
