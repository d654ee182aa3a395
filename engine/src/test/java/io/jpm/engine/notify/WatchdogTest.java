package io.jpm.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final long S = 1_000_000_000L;
    private final Watchdog watchdog = new Watchdog();

    @Test
    void aWorkerThatNeverPingsIsOverdueOneTimeoutAfterItStarted() {
        watchdog.started(7, 2 * S, 100 * S);
        assertEquals(List.of(), watchdog.overdue(101 * S));
        assertEquals(S, watchdog.nanosToNextDeadline(101 * S));
        assertEquals(List.of(7), watchdog.overdue(102 * S));
        assertEquals(List.of(), watchdog.overdue(200 * S), "reported once");
        assertEquals(-1, watchdog.nanosToNextDeadline(200 * S));
    }

    @Test
    void eachPingMovesTheDeadline() {
        watchdog.started(1, 2 * S, 0);
        watchdog.notified(1, NotifyMessage.parse("WATCHDOG=1"), S + S / 2);
        assertEquals(List.of(), watchdog.overdue(3 * S));
        assertEquals(List.of(1), watchdog.overdue(3 * S + S / 2));
    }

    @Test
    void triggerIsOverdueAtOnceAndUsecChangesTheTimeout() {
        watchdog.started(1, 2 * S, 0);
        watchdog.started(2, 2 * S, 0);
        watchdog.notified(1, NotifyMessage.parse("WATCHDOG=trigger"), S);
        watchdog.notified(2, NotifyMessage.parse("WATCHDOG_USEC=10000000"), S);
        assertEquals(List.of(1), watchdog.overdue(S));
        assertEquals(List.of(), watchdog.overdue(10 * S));
        assertEquals(List.of(2), watchdog.overdue(11 * S));
    }

    @Test
    void unwatchedAndForgottenWorkersAreLeftAlone() {
        watchdog.notified(3, NotifyMessage.parse("WATCHDOG=trigger"), 0);
        watchdog.started(4, S, 0);
        watchdog.forget(4);
        assertEquals(List.of(), watchdog.overdue(10 * S));
        assertThrows(IllegalArgumentException.class, () -> watchdog.started(5, 0, 0));
    }
}
