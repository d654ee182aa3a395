package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.AppKey;
import java.util.Locale;
import java.util.Set;

/** Reads the restart section of one app: the restart policy's settings and how a stop signals the worker. */
final class RestartReader {

    private static final Set<String> SIGNALS = Set.of(
            "SIGHUP",
            "SIGINT",
            "SIGQUIT",
            "SIGABRT",
            "SIGKILL",
            "SIGUSR1",
            "SIGUSR2",
            "SIGALRM",
            "SIGTERM",
            "SIGCONT",
            "SIGSTOP",
            "SIGTSTP",
            "SIGWINCH",
            "SIGPIPE");

    private RestartReader() {}

    static RestartRules read(AppReader r) {
        RestartRules d = RestartRules.DEFAULT;
        long minUptime = r.millis(AppKey.MIN_UPTIME, d.minUptimeMs());
        long restartDelay = r.millis(AppKey.RESTART_DELAY, d.restartDelayMs());
        long backoff = r.millis(AppKey.EXP_BACKOFF_RESTART_DELAY, d.expBackoffRestartDelayMs());
        long killTimeout = r.millis(AppKey.KILL_TIMEOUT, d.killTimeoutMs());
        boolean autorestart = r.bool(AppKey.AUTORESTART, d.autorestart());
        int maxRestarts = r.integer(AppKey.MAX_RESTARTS, d.maxRestarts(), 0, Integer.MAX_VALUE);
        Set<Integer> stopExitCodes = r.exitCodes(AppKey.STOP_EXIT_CODES);
        long maxMemory = r.bytes(AppKey.MAX_MEMORY_RESTART, d.maxMemoryRestartBytes());
        String killSignal = killSignal(r);
        long watchdog = watchdogMs(r, d.watchdogMs());
        String cron = cron(r);
        boolean shutdownWithMessage = r.bool(AppKey.SHUTDOWN_WITH_MESSAGE, d.shutdownWithMessage());
        return new RestartRules(
                autorestart,
                maxRestarts,
                minUptime,
                restartDelay,
                backoff,
                stopExitCodes,
                maxMemory,
                killTimeout,
                killSignal,
                watchdog,
                cron,
                shutdownWithMessage);
    }

    /** {@code watchdog_sec}: seconds as a number (as systemd's WatchdogSec=), or a duration such as "1500ms"; 0 = off. */
    private static long watchdogMs(AppReader r, long defaultMs) {
        JsonNode v = r.get(AppKey.WATCHDOG_SEC);
        if (v != null && v.isNumber()) {
            if (v.asDouble() < 0) {
                r.error(AppKey.WATCHDOG_SEC, v, "is negative");
                return defaultMs;
            }
            return Math.round(v.asDouble() * 1000);
        }
        return r.millis(AppKey.WATCHDOG_SEC, defaultMs);
    }

    /** {@code cron_restart}: PM2's 5 or 6 fields (seconds first when 6); checked here so a bad one fails the start. */
    private static String cron(AppReader r) {
        JsonNode v = r.get(AppKey.CRON_RESTART);
        if (v == null || v.isNull() || (v.isBoolean() && !v.asBoolean())) return null;
        if (!v.isTextual() || v.asText().isBlank()) {
            r.error(AppKey.CRON_RESTART, v, "is not a cron expression");
            return null;
        }
        try {
            return CronSchedule.parse(v.asText()).expression();
        } catch (IllegalArgumentException e) {
            r.error(AppKey.CRON_RESTART, v, e.getMessage());
            return null;
        }
    }

    private static String killSignal(AppReader r) {
        String s = r.string(AppKey.KILL_SIGNAL);
        if (s == null) return RestartRules.DEFAULT_KILL_SIGNAL;
        String upper = s.trim().toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper : "SIG" + upper;
        if (!SIGNALS.contains(name)) {
            r.error(AppKey.KILL_SIGNAL, r.get(AppKey.KILL_SIGNAL), "is not a signal jpm can send");
            return RestartRules.DEFAULT_KILL_SIGNAL;
        }
        return name;
    }
}
