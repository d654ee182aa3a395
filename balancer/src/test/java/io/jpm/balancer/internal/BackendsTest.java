package io.jpm.balancer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.balancer.BackendStats;
import io.jpm.balancer.Strategy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendsTest {

    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 10_001);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.1", 10_002);

    private final Backends backends = new Backends(Strategy.ROUND_ROBIN);

    @Test
    void aPickCountsAConnectionUntilItIsReleased() {
        backends.add(1, ADDRESS);
        Backend picked = backends.pick(new ArrayList<>(), 0);
        assertEquals(1, picked.active.get());
        backends.release(picked);
        assertEquals(0, picked.active.get());
        assertEquals(List.of(1), ids());
    }

    @Test
    void aDrainCompletesWhenTheLastConnectionIsReleased() throws Exception {
        backends.add(1, ADDRESS);
        Backend picked = backends.pick(new ArrayList<>(), 0);
        Backends.Drain drain = backends.drain(1);
        assertNotNull(drain);
        assertFalse(drain.done().isDone());
        assertNull(backends.pick(new ArrayList<>(), 0), "a draining backend is out of rotation");

        backends.release(picked);

        drain.done().get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), ids());
    }

    @Test
    void aPickThatRacesWithADrainGivesItsSlotBack() {
        backends.add(1, ADDRESS);
        Backend only = backends.pick(new ArrayList<>(), 0);
        backends.release(only);
        only.leaveRotation(); // as if a drain ran after the picker read the rotation, which still lists it
        List<Backend> tried = new ArrayList<>();

        assertNull(backends.pick(tried, 0));

        assertEquals(List.of(only), tried);
        assertEquals(0, only.active.get());
    }

    @Test
    void removingAnIdleBackendForgetsIt() {
        backends.add(1, ADDRESS);
        assertTrue(backends.remove(1));
        assertFalse(backends.remove(1));
        assertEquals(List.of(), ids());
    }

    @Test
    void aRemovedBackendStaysInStatsWhileItHasConnections() {
        backends.add(1, ADDRESS);
        Backend picked = backends.pick(new ArrayList<>(), 0);
        backends.remove(1);
        BackendStats stats = backends.stats().get(0);
        assertFalse(stats.inRotation());
        assertEquals(1, stats.activeConnections());
        backends.release(picked);
        assertEquals(List.of(), ids());
    }

    @Test
    void addingAgainMovesTheBackendAndCancelsItsDrain() {
        backends.add(1, ADDRESS);
        Backend picked = backends.pick(new ArrayList<>(), 0);
        picked.connectFailed(0);
        Backends.Drain drain = backends.drain(1);

        backends.add(1, OTHER);

        assertTrue(drain.done().isCancelled());
        assertTrue(picked.inRotation());
        assertFalse(picked.isDown(0));
        assertEquals(OTHER, backends.stats().get(0).address());
        assertSame(picked, backends.pick(new ArrayList<>(), 0));
        assertTrue(picked.epoch() != drain.epoch(), "the old drain's deadline no longer applies");
    }

    private List<Integer> ids() {
        return backends.stats().stream().map(BackendStats::id).toList();
    }
}
