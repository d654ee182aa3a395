package io.jpm.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.policy.RestartPolicy.Decision;
import io.jpm.engine.policy.RestartPolicy.Errored;
import io.jpm.engine.policy.RestartPolicy.Restart;
import io.jpm.engine.policy.RestartPolicy.State;
import io.jpm.engine.policy.RestartPolicy.Stop;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    /** A hand-driven clock in milliseconds, handed to the policy as nanoseconds. */
    private long nowMs = 1_000_000; // not zero, to catch code that assumes the clock starts at 0

    private static RestartPolicy policy(
            boolean autorestart, int maxRestarts, long minUptime, long delay, long backoff, Set<Integer> stopCodes) {
        return new RestartPolicy(autorestart, maxRestarts, minUptime, delay, backoff, stopCodes, 0);
    }

    private static RestartPolicy defaults() {
        return policy(true, 16, 1000, 0, 0, Set.of());
    }

    private Decision run(RestartPolicy p, State s, long uptimeMs, Exit exit) {
        p.onStart(s, nowMs * 1_000_000);
        nowMs += uptimeMs;
        Decision d = p.onExit(s, exit, nowMs * 1_000_000);
        if (d instanceof Restart r) nowMs += r.delayMs();
        return d;
    }

    @Test
    void crashAfterStableRunRestartsImmediately() {
        Decision d = run(defaults(), new State(), 5_000, Exit.code(1));
        assertEquals(new Restart(0), d);
    }

    @Test
    void autorestartOffStopsEvenOnCrash() {
        Decision d = run(policy(false, 16, 1000, 0, 0, Set.of()), new State(), 5_000, Exit.signal("SIGSEGV"));
        assertEquals(new Stop("autorestart is off, last exit: signal SIGSEGV"), d);
    }

    @Test
    void stopExitCodeStopsButSignalDoesNot() {
        RestartPolicy p = policy(true, 16, 1000, 0, 0, Set.of(0, 3));
        State s = new State();
        assertEquals(new Stop("exit code 3 is in stop_exit_codes"), run(p, s, 5_000, Exit.code(3)));
        assertInstanceOf(Restart.class, run(p, s, 5_000, Exit.code(1)));
        assertInstanceOf(Restart.class, run(p, s, 5_000, Exit.signal("SIGTERM")));
    }

    @Test
    void sixteenUnstableExitsInARowMakeTheWorkerErrored() {
        RestartPolicy p = defaults();
        State s = new State();
        for (int i = 1; i <= 15; i++) {
            assertEquals(new Restart(0), run(p, s, 999, Exit.code(1)), "exit " + i);
            assertEquals(i, s.unstableExits());
        }
        Decision d = run(p, s, 10, Exit.code(2));
        assertEquals(new Errored("too many unstable restarts (16), last exit: code 2"), d);
        assertEquals(0, s.unstableExits(), "a manual restart gets a fresh budget");
        assertEquals(15, s.restarts());
    }

    private Decision failedCheck(RestartPolicy p, State s, long uptimeMs, boolean neverPassed) {
        p.onStart(s, nowMs * 1_000_000);
        nowMs += uptimeMs;
        Decision d = p.onFailedCheck(s, Exit.code(0), "liveness probe failed 3 times", neverPassed, nowMs * 1_000_000);
        if (d instanceof Restart r) nowMs += r.delayMs();
        return d;
    }

    @Test
    void aCheckThatNeverPassedIsUnstableHoweverLongTheRunAndEndsErroredNamingTheCheck() {
        RestartPolicy p = policy(true, 3, 1000, 0, 0, Set.of(0));
        State s = new State();
        assertEquals(new Restart(0), failedCheck(p, s, 60_000, true), "exit 0 in stop_exit_codes does not stop it");
        assertEquals(new Restart(0), failedCheck(p, s, 60_000, true));
        assertEquals(
                new Errored("too many unstable restarts (3), last exit: code 0 after liveness probe failed 3 times"),
                failedCheck(p, s, 60_000, true));
    }

    @Test
    void aCheckThatPassedBeforeFailingCountsLikeACrashAndBacksOff() {
        RestartPolicy p = policy(true, 3, 1000, 0, 100, Set.of());
        State s = new State();
        for (int i = 0; i < 5; i++) assertInstanceOf(Restart.class, failedCheck(p, s, 5_000, false), "restart " + i);
        assertEquals(0, s.unstableExits(), "a long run that passed its check is stable");
        assertEquals(5, s.restarts());
        assertEquals(
                new Restart(757), failedCheck(p, s, 5_000, false), "backoff grows ×1.5: 100, 150, 225, 337, 505, 757");
        assertEquals(
                new Stop("autorestart is off, last exit: code 0 after liveness probe failed 3 times"),
                failedCheck(policy(false, 3, 1000, 0, 0, Set.of()), new State(), 5_000, false));
    }

    @Test
    void erroredReasonNamesTheSignal() {
        RestartPolicy p = policy(true, 2, 1000, 0, 0, Set.of());
        State s = new State();
        run(p, s, 1, Exit.signal("SIGKILL"));
        assertEquals(
                new Errored("too many unstable restarts (2), last exit: signal SIGKILL"),
                run(p, s, 1, Exit.signal("SIGKILL")));
    }

    @Test
    void aStableRunResetsTheUnstableCount() {
        RestartPolicy p = policy(true, 3, 1000, 0, 0, Set.of());
        State s = new State();
        run(p, s, 100, Exit.code(1));
        run(p, s, 100, Exit.code(1));
        assertEquals(2, s.unstableExits());
        run(p, s, 1000, Exit.code(1)); // exactly min_uptime counts as stable
        assertEquals(0, s.unstableExits());
        run(p, s, 100, Exit.code(1));
        assertInstanceOf(Restart.class, run(p, s, 100, Exit.code(1)));
        assertInstanceOf(Errored.class, run(p, s, 100, Exit.code(1)));
    }

    @Test
    void maxRestartsZeroMeansNoLimit() {
        RestartPolicy p = policy(true, 0, 1000, 0, 0, Set.of());
        State s = new State();
        for (int i = 0; i < 100; i++) assertInstanceOf(Restart.class, run(p, s, 1, Exit.code(1)));
    }

    @Test
    void fixedRestartDelay() {
        RestartPolicy p = policy(true, 16, 1000, 4000, 0, Set.of());
        State s = new State();
        assertEquals(new Restart(4000), run(p, s, 10, Exit.code(1)));
        assertEquals(new Restart(4000), run(p, s, 10, Exit.code(1)));
    }

    @Test
    void exponentialBackoffGrowsByHalfAndIsCapped() {
        RestartPolicy p = policy(true, 0, 1000, 9999, 100, Set.of());
        State s = new State();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 14; i++) delays.add(((Restart) run(p, s, 50, Exit.code(1))).delayMs());
        assertEquals(
                List.of(100L, 150L, 225L, 337L, 505L, 757L, 1135L, 1702L, 2553L, 3829L, 5743L, 8614L, 12921L, 15000L),
                delays);
        assertEquals(new Restart(15_000), run(p, s, 50, Exit.code(1)));
    }

    @Test
    void exponentialBackoffResetsAfterThirtySecondsOfRunning() {
        RestartPolicy p = policy(true, 0, 1000, 0, 1000, Set.of());
        State s = new State();
        run(p, s, 5_000, Exit.code(1));
        run(p, s, 5_000, Exit.code(1));
        assertEquals(new Restart(2250), run(p, s, 29_999, Exit.code(1)), "29.999 s does not reset");
        assertEquals(new Restart(1000), run(p, s, 30_000, Exit.code(1)), "30 s resets to the initial delay");
        assertEquals(new Restart(1500), run(p, s, 10, Exit.code(1)));
    }

    @Test
    void initialBackoffAboveTheCapIsKept() {
        RestartPolicy p = policy(true, 0, 1000, 0, 20_000, Set.of());
        State s = new State();
        assertEquals(new Restart(20_000), run(p, s, 10, Exit.code(1)));
        assertEquals(new Restart(20_000), run(p, s, 10, Exit.code(1)));
    }

    @Test
    void unstableCountingAlsoAppliesWithBackoff() {
        RestartPolicy p = policy(true, 3, 1000, 0, 100, Set.of());
        State s = new State();
        run(p, s, 1, Exit.code(1));
        run(p, s, 1, Exit.code(1));
        assertInstanceOf(Errored.class, run(p, s, 1, Exit.code(1)));
    }

    @Test
    void exitWithoutStartIsAProgrammingError() {
        RestartPolicy p = defaults();
        State s = new State();
        assertThrows(IllegalStateException.class, () -> p.onExit(s, Exit.code(0), 0));
        p.onStart(s, 0);
        assertTrue(s.running());
        assertThrows(IllegalStateException.class, () -> p.onStart(s, 1));
        p.onExit(s, Exit.code(0), 2);
        assertFalse(s.running());
    }

    @Test
    void overMemory() {
        RestartPolicy off = defaults();
        RestartPolicy on = new RestartPolicy(true, 16, 1000, 0, 0, Set.of(), 200L << 20);
        assertFalse(off.overMemory(Long.MAX_VALUE));
        assertFalse(on.overMemory(200L << 20));
        assertTrue(on.overMemory((200L << 20) + 1));
    }

    @Test
    void rejectsNegativeSettingsWithTheValue() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> policy(true, -1, 1000, 0, 0, Set.of()));
        assertEquals("maxRestarts < 0: -1", e.getMessage());
    }

    @Test
    void exitFromJavaExitValue() {
        assertEquals(Exit.signal("SIGKILL"), Exit.fromExitValue(137));
        assertEquals(Exit.signal("SIGTERM"), Exit.fromExitValue(143));
        assertEquals(Exit.code(1), Exit.fromExitValue(1));
        assertEquals(Exit.code(128), Exit.fromExitValue(128));
        assertEquals(Exit.code(255), Exit.fromExitValue(255));
        assertEquals("signal SIGINT", Exit.fromExitValue(130).describe());
        assertThrows(IllegalArgumentException.class, () -> Exit.code(256));
    }
}
