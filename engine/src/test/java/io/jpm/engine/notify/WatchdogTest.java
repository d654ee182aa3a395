package io.jpm.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchdogTest {
    private static final long S = 1_000_000_000L;
    private final Watchdog watchdog = new Watchdog();

    @Test
    void aProcessThatNeverPingsIsOverdueOneTimeoutAfterWatchingBegan() {
        watchdog.watch(700, 2 * S, 100 * S);
        watchdog.watch(700, 2 * S, 101 * S); // already watched: the deadline stays
        assertEquals(List.of(), watchdog.overdue(101 * S));
        assertEquals(List.of(700L), watchdog.overdue(102 * S));
        assertEquals(List.of(), watchdog.overdue(200 * S), "reported once");
        assertFalse(watchdog.watches(700));
    }

    @Test
    void eachPingMovesTheDeadlineOfTheFirstWatchedProcessInTheAncestry() {
        watchdog.watch(10, 2 * S, 0);
        assertEquals(10, watchdog.notified(List.of(11L, 10L, 5L), NotifyMessage.parse("WATCHDOG=1"), S + S / 2));
        assertEquals(List.of(), watchdog.overdue(3 * S));
        assertEquals(List.of(10L), watchdog.overdue(3 * S + S / 2));
    }

    @Test
    void triggerIsOverdueAtOnceAndUsecChangesTheTimeout() {
        watchdog.watch(1, 2 * S, 0);
        watchdog.watch(2, 2 * S, 0);
        watchdog.notified(List.of(1L), NotifyMessage.parse("WATCHDOG=trigger"), S);
        watchdog.notified(List.of(2L), NotifyMessage.parse("WATCHDOG_USEC=10000000"), S);
        assertEquals(List.of(1L), watchdog.overdue(S));
        assertEquals(List.of(), watchdog.overdue(10 * S));
        assertEquals(List.of(2L), watchdog.overdue(11 * S));
    }

    @Test
    void anotherTreesPingAndGoneProcessesChangeNothing() {
        watchdog.watch(3, S, 0);
        watchdog.watch(4, S, 0);
        assertEquals(-1, watchdog.notified(List.of(9L, 8L), NotifyMessage.parse("WATCHDOG=1"), S / 2));
        watchdog.retain(Set.of(3L));
        assertTrue(watchdog.watches(3));
        assertEquals(List.of(3L), watchdog.overdue(10 * S));
        assertThrows(IllegalArgumentException.class, () -> watchdog.watch(5, 0, 0));
    }
}
