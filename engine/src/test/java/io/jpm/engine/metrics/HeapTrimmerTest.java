package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapTrimmerTest {
    private static final long MB = 1024 * 1024;

    /** A heap that a full collection shrinks to {@code afterCollection}. */
    private final AtomicLong committed = new AtomicLong(6 * MB);

    private final AtomicLong afterCollection = new AtomicLong(6 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    private final HeapTrimmer trimmer = new HeapTrimmer(committed::get, () -> {
        collections.incrementAndGet();
        committed.set(afterCollection.get());
    });

    @Test
    void aHeapThatABurstGrewIsCollectedOnceAndGivenBack() {
        assertFalse(trimmer.check(0), "an idle daemon at its start size");
        committed.set(27 * MB); // after the hostile inputs of bench/faults.sh, mostly garbage
        afterCollection.set(10 * MB);
        assertTrue(trimmer.check(1_000));
        assertEquals(10 * MB, committed.get());
        assertFalse(trimmer.check(1_000 + HeapTrimmer.MIN_GAP_MS), "back within the slack of its new size");
        assertEquals(1, collections.get());
    }

    @Test
    void aHeapThatReallyGrowsPaysOneCollectionPerStepNotOnePerTick() {
        committed.set(40 * MB); // 200 workers started: the heap is needed
        afterCollection.set(38 * MB);
        assertTrue(trimmer.check(0));
        for (long t = 1_000; t < 600_000; t += 1_000) {
            committed.set(44 * MB); // grows and shrinks with minor collections, within the slack
            assertFalse(trimmer.check(t));
        }
        assertEquals(1, collections.get());
    }

    @Test
    void notTwiceWithinTheGap() {
        committed.set(30 * MB);
        afterCollection.set(30 * MB); // nothing to give back
        assertTrue(trimmer.check(0));
        committed.set(50 * MB);
        assertFalse(trimmer.check(HeapTrimmer.MIN_GAP_MS - 1));
        assertTrue(trimmer.check(HeapTrimmer.MIN_GAP_MS));
    }
}
