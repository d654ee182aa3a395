package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SeriesTest {
    @Test
    void keepsTheNewestSamplesOldestFirst() {
        Series s = new Series(3);
        assertArrayEquals(new double[0], s.toArray());
        s.add(1);
        s.add(2);
        assertArrayEquals(new double[] {1, 2}, s.toArray());
        s.add(3);
        s.add(4);
        s.add(5);
        assertEquals(3, s.size());
        assertArrayEquals(new double[] {3, 4, 5}, s.toArray());
        assertArrayEquals(new long[] {3, 4, 5}, s.toLongArray());
    }

    @Test
    void rejectsAnEmptyRing() {
        assertThrows(IllegalArgumentException.class, () -> new Series(0));
    }
}
