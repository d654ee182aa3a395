package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeapTrimmerTest {
    private static final long MB = 1024 * 1024;

    /** A process that a full collection and a trim shrink to {@code afterTrim}. */
    private final AtomicLong resident = new AtomicLong(70 * MB);

    private final AtomicLong afterTrim = new AtomicLong(70 * MB);
    private final AtomicInteger collections = new AtomicInteger();
    private final AtomicInteger trims = new AtomicInteger();
    private final HeapTrimmer trimmer = new HeapTrimmer(resident::get, collections::incrementAndGet, () -> {
        trims.incrementAndGet();
        resident.set(afterTrim.get());
    });

    @Test
    void aBurstIsCollectedThenTrimmedOnceAndTheSizeAfterIsTheReference() {
        assertFalse(trimmer.check(0), "an idle daemon at its start size");
        resident.set(84 * MB); // after the hostile inputs of bench/faults.sh: garbage, direct buffers, free arenas
        afterTrim.set(73 * MB);
        assertTrue(trimmer.check(1_000));
        assertEquals(0, trims.get(), "the trim waits for the next check (the freed buffers reach malloc meanwhile)");
        assertFalse(trimmer.check(2_000));
        assertEquals(1, trims.get());
        assertEquals(73 * MB, resident.get());
        resident.set(74 * MB); // within the slack of the size after the trim
        assertTrue(trimmer.check(2_000 + HeapTrimmer.MIN_GAP_MS), "one follow-up: the first gave back much");
        assertFalse(trimmer.check(3_000 + HeapTrimmer.MIN_GAP_MS));
        resident.set(76 * MB);
        for (long t = 3_000 + 2 * HeapTrimmer.MIN_GAP_MS; t < 600_000; t += 1_000) assertFalse(trimmer.check(t));
        assertEquals(2, collections.get(), "the follow-up gave back 1 MB: no more");
    }

    @Test
    void aProcessThatReallyGrowsPaysOneCollectionPerStepNotOnePerTick() {
        resident.set(120 * MB); // 200 workers started: the memory is needed
        afterTrim.set(118 * MB);
        assertTrue(trimmer.check(0));
        assertFalse(trimmer.check(1_000));
        for (long t = 2_000; t < 600_000; t += 1_000) {
            resident.set(121 * MB); // moves with minor collections, within the slack
            assertFalse(trimmer.check(t));
        }
        assertEquals(1, collections.get());
        assertEquals(1, trims.get());
    }

    /**
     * bench/faults.sh: a collection amid the hostile frames gave back much, then the rest of the burst (connections
     * closed since, their buffers garbage) stayed within the slack of the size after it: 74.8 -> 83.6 MB for good.
     */
    @Test
    void aCollectionThatGaveBackMuchIsFollowedByOneMoreAfterTheGapUntilOneGivesBackLittle() {
        resident.set(90 * MB);
        afterTrim.set(80 * MB); // amid the burst: 10 MB back, and more to come
        assertTrue(trimmer.check(0));
        assertFalse(trimmer.check(1_000));
        resident.set(82 * MB); // within the slack of 80, but garbage that only a collection finds
        afterTrim.set(74 * MB);
        assertFalse(trimmer.check(HeapTrimmer.MIN_GAP_MS - 1), "not within the gap");
        assertTrue(trimmer.check(HeapTrimmer.MIN_GAP_MS), "the follow-up");
        assertFalse(trimmer.check(HeapTrimmer.MIN_GAP_MS + 1_000));
        assertEquals(74 * MB, resident.get());
        afterTrim.set(73 * MB); // the next follow-up finds little: the chain ends there
        assertTrue(trimmer.check(2 * HeapTrimmer.MIN_GAP_MS + 1_000));
        assertFalse(trimmer.check(2 * HeapTrimmer.MIN_GAP_MS + 2_000));
        for (long t = 3 * HeapTrimmer.MIN_GAP_MS; t < 600_000; t += 1_000) assertFalse(trimmer.check(t));
        assertEquals(3, collections.get());
    }

    @Test
    void notTwiceWithinTheGap() {
        resident.set(90 * MB);
        afterTrim.set(90 * MB); // nothing to give back
        assertTrue(trimmer.check(0));
        assertFalse(trimmer.check(1));
        resident.set(100 * MB);
        assertFalse(trimmer.check(HeapTrimmer.MIN_GAP_MS - 1));
        assertTrue(trimmer.check(HeapTrimmer.MIN_GAP_MS));
    }

    @Test
    void anUnreadableSizeNeverCollects() {
        resident.set(-1);
        for (long t = 0; t < 300_000; t += 1_000) assertFalse(trimmer.check(t));
        assertEquals(0, collections.get());
    }

    /**
     * The hostile frames of bench/faults.sh left 5 MB of JeroMQ's direct buffers (8 KiB per connection) and the free
     * pages around them resident for good: the heap hardly grew, so a trimmer watching the heap never collected.
     */
    @Test
    void directBuffersThatABurstLeftAreGivenBackToTheSystem() throws Exception {
        System.gc(); // the pages a full collection touches (this test JVM's heap is not the daemon's) are resident now
        HeapTrimmer real = HeapTrimmer.ofThisJvm();
        long before = rss();
        List<ByteBuffer> burst = new ArrayList<>();
        for (int i = 0; i < 4000; i++) burst.add(ByteBuffer.allocateDirect(8 * 1024)); // 32 MB, zeroed: resident
        long grown = rss();
        assertTrue(grown - before > 24 * MB, "the burst is resident: " + before / MB + " -> " + grown / MB + " MB");
        burst = null;
        assertTrue(real.check(0), "collects");
        Thread.sleep(200); // the Cleaner frees the buffers after the collection
        assertFalse(real.check(1_000), "trims");
        long after = rss();
        assertTrue(
                grown - after > 16 * MB,
                "at least half given back: " + before / MB + " -> " + grown / MB + " -> " + after / MB + " MB");
    }

    private static long rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
        throw new AssertionError("no VmRSS");
    }
}
