package io.jpm.engine.policy;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.RestartRules;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a worker that exited is restarted, after what delay, or given up on (PM2's rules).
 *
 * <p>The policy is immutable and shared by all workers of an app; each worker's history lives in a {@link State}
 * that the caller owns and hands back on every call. Time is always a {@code System.nanoTime()} reading passed in,
 * so tests set it by hand. The rules, in order, when a worker exits:
 *
 * <ol>
 *   <li>A run shorter than {@code minUptimeMs} is unstable and adds one to the unstable count; a longer run resets
 *       it to zero. A run of at least {@link #BACKOFF_RESET_MS} also resets the exponential backoff.
 *   <li>{@code autorestart=false}: {@link Stop}.
 *   <li>An exit code listed in {@code stopExitCodes} (never a signal): {@link Stop}.
 *   <li>{@code maxRestarts} unstable exits in a row: {@link Errored}, and the unstable count starts over so that a
 *       manual restart gets a fresh budget. {@code maxRestarts = 0} means no limit, as in PM2.
 *   <li>Otherwise {@link Restart}: after {@code expBackoffRestartDelayMs} growing ×1.5 per restart up to
 *       {@link #BACKOFF_CAP_MS} when that is on, else after {@code restartDelayMs}.
 * </ol>
 *
 * <p>A process the daemon ended because a check failed ({@link #onFailedCheck}) follows the same rules, except that
 * stop_exit_codes do not apply to it and a run whose check never passed counts as unstable.
 *
 * <p>Not used here: a stop the user asked for. The supervisor must not consult the policy for a worker it is
 * stopping itself.
 */
public final class RestartPolicy {

    /** The exponential backoff never grows past this (unless the initial delay is already larger). */
    public static final long BACKOFF_CAP_MS = 15_000;

    /** A run at least this long resets the exponential backoff to its initial delay. */
    public static final long BACKOFF_RESET_MS = 30_000;

    private final boolean autorestart;
    private final int maxRestarts;
    private final long minUptimeMs;
    private final long restartDelayMs;
    private final long expBackoffRestartDelayMs;
    private final Set<Integer> stopExitCodes;
    private final long maxMemoryRestartBytes;

    public RestartPolicy(
            boolean autorestart,
            int maxRestarts,
            long minUptimeMs,
            long restartDelayMs,
            long expBackoffRestartDelayMs,
            Set<Integer> stopExitCodes,
            long maxMemoryRestartBytes) {
        if (maxRestarts < 0) throw new IllegalArgumentException("maxRestarts < 0: " + maxRestarts);
        if (minUptimeMs < 0) throw new IllegalArgumentException("minUptimeMs < 0: " + minUptimeMs);
        if (restartDelayMs < 0) throw new IllegalArgumentException("restartDelayMs < 0: " + restartDelayMs);
        if (expBackoffRestartDelayMs < 0) {
            throw new IllegalArgumentException("expBackoffRestartDelayMs < 0: " + expBackoffRestartDelayMs);
        }
        if (maxMemoryRestartBytes < 0) {
            throw new IllegalArgumentException("maxMemoryRestartBytes < 0: " + maxMemoryRestartBytes);
        }
        this.autorestart = autorestart;
        this.maxRestarts = maxRestarts;
        this.minUptimeMs = minUptimeMs;
        this.restartDelayMs = restartDelayMs;
        this.expBackoffRestartDelayMs = expBackoffRestartDelayMs;
        this.stopExitCodes = Set.copyOf(Objects.requireNonNull(stopExitCodes, "stopExitCodes"));
        this.maxMemoryRestartBytes = maxMemoryRestartBytes;
    }

    public static RestartPolicy of(RestartRules rules) {
        return new RestartPolicy(
                rules.autorestart(),
                rules.maxRestarts(),
                rules.minUptimeMs(),
                rules.restartDelayMs(),
                rules.expBackoffRestartDelayMs(),
                rules.stopExitCodes(),
                rules.maxMemoryRestartBytes());
    }

    public static RestartPolicy of(AppSpec spec) {
        return of(spec.restart());
    }

    /** What to do with a worker that exited. */
    public sealed interface Decision permits Restart, Stop, Errored {}

    /** Start the worker again after {@code delayMs}. */
    public record Restart(long delayMs) implements Decision {}

    /** Leave the worker stopped; this is an expected end, not a failure. */
    public record Stop(String reason) implements Decision {}

    /** Give up on the worker: it keeps crashing. */
    public record Errored(String reason) implements Decision {}

    /** One worker's restart history. Owned by one caller and not thread-safe; only the policy changes it. */
    public static final class State {
        private boolean running;
        private long startedAtNanos;
        private int unstableExits;
        private int restarts;
        private long lastBackoffMs; // 0 = the next backoff delay is the initial one

        public boolean running() {
            return running;
        }

        /** Unstable exits in a row so far. */
        public int unstableExits() {
            return unstableExits;
        }

        /** Restarts this policy has decided for the worker. */
        public int restarts() {
            return restarts;
        }

        @Override
        public String toString() {
            return "State[running=" + running + ", unstableExits=" + unstableExits + ", restarts=" + restarts
                    + ", lastBackoffMs=" + lastBackoffMs + "]";
        }
    }

    /** Records that the worker's process was started (spawned) at {@code nowNanos}. */
    public void onStart(State state, long nowNanos) {
        if (state.running) throw new IllegalStateException("onStart while already running: " + state);
        state.running = true;
        state.startedAtNanos = nowNanos;
    }

    /** Records that the worker's process ended at {@code nowNanos} and decides what comes next. */
    public Decision onExit(State state, Exit exit, long nowNanos) {
        return decide(state, exit, exit.describe(), false, false, nowNanos);
    }

    /**
     * Records that the daemon ended the worker's process because a check failed ({@code why}: a liveness probe, the
     * watchdog) and decides what comes next, as for a crash: counted, backed off, and errored after
     * {@code maxRestarts} unstable exits in a row. Such an exit is unstable when the run was short, as any exit, and
     * also when the check never passed in that run ({@code neverPassed}), however long it lasted: a process that is
     * never healthy keeps failing and must end errored.
     */
    public Decision onFailedCheck(State state, Exit exit, String why, boolean neverPassed, long nowNanos) {
        Objects.requireNonNull(why, "why");
        return decide(state, exit, exit.describe() + " after " + why, true, neverPassed, nowNanos);
    }

    private Decision decide(
            State state, Exit exit, String lastExit, boolean failedCheck, boolean unstable, long nowNanos) {
        Objects.requireNonNull(exit, "exit");
        if (!state.running) throw new IllegalStateException("onExit without onStart: " + state);
        state.running = false;
        long uptimeMs = Math.max(0, (nowNanos - state.startedAtNanos) / 1_000_000);

        if (unstable || uptimeMs < minUptimeMs) {
            state.unstableExits++;
        } else {
            state.unstableExits = 0;
        }
        if (uptimeMs >= BACKOFF_RESET_MS) state.lastBackoffMs = 0;

        if (!autorestart) return new Stop("autorestart is off, last exit: " + lastExit);
        if (!failedCheck && !exit.bySignal() && stopExitCodes.contains(exit.code())) {
            return new Stop("exit code " + exit.code() + " is in stop_exit_codes");
        }
        if (maxRestarts > 0 && state.unstableExits >= maxRestarts) {
            int n = state.unstableExits;
            state.unstableExits = 0;
            return new Errored("too many unstable restarts (" + n + "), last exit: " + lastExit);
        }
        state.restarts++;
        return new Restart(nextDelayMs(state));
    }

    private long nextDelayMs(State state) {
        if (expBackoffRestartDelayMs == 0) return restartDelayMs;
        if (state.lastBackoffMs == 0) {
            state.lastBackoffMs = expBackoffRestartDelayMs;
        } else {
            long cap = Math.max(BACKOFF_CAP_MS, expBackoffRestartDelayMs);
            state.lastBackoffMs = Math.min(cap, state.lastBackoffMs * 3 / 2);
        }
        return state.lastBackoffMs;
    }

    /** True when a worker using {@code rssBytes} of memory must be restarted (max_memory_restart). */
    public boolean overMemory(long rssBytes) {
        return maxMemoryRestartBytes > 0 && rssBytes > maxMemoryRestartBytes;
    }
}
