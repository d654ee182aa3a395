package io.jpm.balancer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimersTest {

    @Test
    void tasksComeDueInDeadlineOrder() {
        Timers timers = new Timers();
        List<String> ran = new ArrayList<>();
        timers.schedule(300, () -> ran.add("c"));
        timers.schedule(100, () -> ran.add("a"));
        timers.schedule(200, () -> ran.add("b"));

        assertEquals(50, timers.nanosUntilNext(50));
        assertNull(timers.pollDue(99));
        runDue(timers, 200);
        assertEquals(List.of("a", "b"), ran);
        assertEquals(100, timers.nanosUntilNext(200));
        runDue(timers, 1_000);
        assertEquals(List.of("a", "b", "c"), ran);
        assertEquals(Long.MAX_VALUE, timers.nanosUntilNext(1_000));
    }

    @Test
    void deadlinesAcrossTheNanoTimeWrapKeepTheirOrder() {
        Timers timers = new Timers();
        List<String> ran = new ArrayList<>();
        long now = Long.MAX_VALUE - 10;
        timers.schedule(now + 20, () -> ran.add("after the wrap"));
        timers.schedule(now + 5, () -> ran.add("before the wrap"));
        assertNull(timers.pollDue(now));
        runDue(timers, now + 30);
        assertEquals(List.of("before the wrap", "after the wrap"), ran);
    }

    private static void runDue(Timers timers, long now) {
        Runnable task;
        while ((task = timers.pollDue(now)) != null) {
            task.run();
        }
    }
}
