package io.jpm.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.config.ProbeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTrackerTest {
    private static final long MS = 1_000_000;

    private static ProbeSpec spec(long delayMs, long periodMs, int success, int failure) {
        return new ProbeSpec(
                ProbeSpec.Kind.EXEC, null, 0, null, null, List.of("true"), delayMs, periodMs, 1000, success, failure);
    }

    private static ProbeOutcome ok() {
        return new ProbeOutcome(true, "HTTP 200", 0, 1);
    }

    private static ProbeOutcome fail() {
        return new ProbeOutcome(false, "HTTP 500", 0, 1);
    }

    @Test
    void theFirstCheckWaitsForTheInitialDelayAndEachNextOneForAPeriod() {
        ProbeTracker t = new ProbeTracker(spec(500, 1000, 1, 3), 10_000 * MS);
        assertFalse(t.due(10_499 * MS));
        assertTrue(t.due(10_500 * MS));
        t.sent(10_500 * MS);
        assertFalse(t.due(20_000 * MS), "one check in flight at a time");
        t.record(ok());
        assertFalse(t.due(11_499 * MS));
        assertTrue(t.due(11_500 * MS));
    }

    @Test
    void failureThresholdFailuresInARowMakeItUnhealthyAndOnePassResetsThem() {
        ProbeTracker t = new ProbeTracker(spec(0, 1000, 1, 3), 0);
        assertEquals(HealthState.UNKNOWN, t.state());
        assertFalse(t.record(fail()));
        assertFalse(t.record(fail()));
        assertTrue(t.record(ok()), "the first pass makes it healthy");
        assertEquals(0, t.failures());
        t.record(fail());
        t.record(fail());
        assertEquals(HealthState.HEALTHY, t.state(), "the count started over at the pass");
        assertTrue(t.record(fail()));
        assertEquals(HealthState.UNHEALTHY, t.state());
    }

    @Test
    void statesFollowKubernetesThresholds() {
        ProbeTracker t = new ProbeTracker(spec(0, 1000, 2, 3), 0);
        t.record(fail());
        t.record(fail());
        assertEquals(HealthState.UNKNOWN, t.state());
        assertTrue(t.record(fail()));
        assertEquals(HealthState.UNHEALTHY, t.state());
        assertEquals(3, t.failures());
        assertFalse(t.record(ok()), "one pass of two needed");
        assertEquals(HealthState.UNHEALTHY, t.state());
        assertEquals(0, t.failures());
        assertTrue(t.record(ok()));
        assertEquals(HealthState.HEALTHY, t.state());
        assertTrue(t.everPassed());
        t.record(fail());
        t.record(fail());
        assertEquals(HealthState.HEALTHY, t.state(), "two failures of three");
        ProbeReport r = t.report("liveness");
        assertEquals("HTTP 500", r.last().output());
        assertEquals("HTTP 500", r.lastFailure().output());
        assertEquals(2, r.failures());
    }

    @Test
    void aNewTrackerHasNeverPassedAndOutputIsTruncated() {
        ProbeTracker t = new ProbeTracker(spec(0, 1000, 1, 1), 0);
        assertFalse(t.everPassed());
        ProbeOutcome long_ = new ProbeOutcome(false, "x".repeat(1000), 0, 0);
        assertEquals(ProbeOutcome.MAX_OUTPUT, long_.output().length());
        assertTrue(t.record(long_));
        assertEquals(HealthState.UNHEALTHY, t.state());
    }
}
