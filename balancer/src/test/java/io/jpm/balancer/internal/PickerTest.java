package io.jpm.balancer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PickerTest {

    private static final long NOW = 1_000_000_000L;

    private final Backend one = backend(1);
    private final Backend two = backend(2);
    private final Backend three = backend(3);
    private final Backend[] rotation = {one, two, three};

    @Test
    void roundRobinTakesTurnsInOrder() {
        RoundRobin picker = new RoundRobin();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(picker.choose(rotation, List.of(), NOW).id);
        }
        assertEquals(List.of(1, 2, 3, 1, 2, 3), order);
    }

    @Test
    void triedBackendsAreNeverChosenAgain() {
        for (Picker picker : List.of(new RoundRobin(), new LeastConnections())) {
            assertSame(three, picker.choose(rotation, List.of(one, two), NOW));
            assertNull(picker.choose(rotation, List.of(one, two, three), NOW));
            assertNull(picker.choose(new Backend[0], List.of(), NOW));
        }
    }

    @Test
    void aBackendIsSkippedForAWhileAfterAFailedConnect() {
        RoundRobin picker = new RoundRobin();
        one.connectFailed(NOW);
        assertSame(two, picker.choose(rotation, List.of(), NOW));
        assertSame(two, picker.choose(new Backend[] {one, two}, List.of(), NOW + Backend.DOWN_NANOS - 1));
        assertSame(one, picker.choose(new Backend[] {one}, List.of(), NOW + 1), "down, but nothing else is left");
        assertEquals(1, one.failedConnects.sum());
        assertEquals(false, one.isDown(NOW + Backend.DOWN_NANOS));
    }

    @Test
    void leastConnectionsChoosesTheFewestActive() {
        LeastConnections picker = new LeastConnections();
        one.active.set(5);
        two.active.set(1);
        three.active.set(3);
        for (int i = 0; i < 3; i++) {
            assertSame(two, picker.choose(rotation, List.of(), NOW));
        }
        assertSame(three, picker.choose(rotation, List.of(two), NOW));
        two.connectFailed(NOW);
        assertSame(three, picker.choose(rotation, List.of(), NOW), "a down backend is not the least loaded");
    }

    @Test
    void leastConnectionsBreaksTiesInTurn() {
        LeastConnections picker = new LeastConnections();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(picker.choose(rotation, List.of(), NOW).id);
        }
        assertEquals(List.of(1, 2, 3), order);
    }

    private static Backend backend(int id) {
        return new Backend(id, new InetSocketAddress("127.0.0.1", 10_000 + id));
    }
}
