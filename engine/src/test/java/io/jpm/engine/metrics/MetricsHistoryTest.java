package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.wire.History;
import io.jpm.ipc.wire.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {
    static Tick tick(long ts, Map<Integer, Usage> workers) {
        return new Tick(ts, 1000, new HostUsage(10, 2, 500, 1000), workers);
    }

    @Test
    void everyWorkerGetsOneSamplePerTickAndAppsGetTheirSum() {
        MetricsHistory h = new MetricsHistory(1000);
        List<SampleTarget> w = List.of(
                new SampleTarget(0, "web", 100, false),
                new SampleTarget(1, "web", 101, false),
                new SampleTarget(2, "job", 0, false));
        h.record(tick(1000, Map.of(0, new Usage(100, 3, 200), 1, new Usage(101, 4, 300))), w);
        h.record(tick(2000, Map.of(0, new Usage(100, 5, 210), 1, new Usage(101, 1, 310))), w);
        History s = h.snapshot();
        assertEquals(2000L, s.ts());
        assertEquals(1000L, s.intervalMs());
        Map<Integer, Series> workers = s.workers();
        assertArrayEquals(new double[] {3, 5}, workers.get(0).cpu());
        assertArrayEquals(new long[] {200, 210}, workers.get(0).memory());
        assertArrayEquals(new double[] {0, 0}, workers.get(2).cpu(), "a stopped worker keeps its place with zeros");
        Series web = s.apps().get("web");
        assertArrayEquals(new double[] {7, 6}, web.cpu());
        assertArrayEquals(new long[] {500, 520}, web.memory());
        assertArrayEquals(new double[] {10, 10}, s.hostCpu());
        assertArrayEquals(new long[] {500, 500}, s.hostMemUsed());
    }

    @Test
    void aNewWorkersSeriesStartsAtItsFirstTickAndADeletedOneIsDropped() {
        MetricsHistory h = new MetricsHistory(1000);
        h.record(tick(1000, Map.of()), List.of(new SampleTarget(0, "a", 0, false)));
        h.record(tick(2000, Map.of()), List.of(new SampleTarget(0, "a", 0, false), new SampleTarget(1, "b", 0, false)));
        assertEquals(2, h.length(0));
        assertEquals(1, h.length(1));
        h.record(tick(3000, Map.of()), List.of(new SampleTarget(1, "b", 0, false)));
        assertEquals(0, h.length(0));
        assertTrue(h.worker(0).isEmpty());
        assertFalse(h.snapshot().apps().containsKey("a"));
        assertEquals(2, h.length(1));
    }

    @Test
    void aFigureOfAnotherPidCountsAsZero() {
        MetricsHistory h = new MetricsHistory(1000);
        h.record(tick(1000, Map.of(0, new Usage(99, 50, 1000))), List.of(new SampleTarget(0, "a", 100, false)));
        assertArrayEquals(new double[] {0}, h.worker(0).orElseThrow().cpu());
    }

    @Test
    void holdsAtLeastTenMinutesAndStaysBounded() {
        assertEquals(600, MetricsHistory.capacityFor(1000));
        assertEquals(600, MetricsHistory.capacityFor(5000));
        assertEquals(1200, MetricsHistory.capacityFor(500));
        assertEquals(3600, MetricsHistory.capacityFor(100));
        MetricsHistory h = new MetricsHistory(1000);
        List<SampleTarget> w = List.of(new SampleTarget(0, "a", 0, false));
        for (int i = 0; i < 700; i++) h.record(tick(i * 1000L, Map.of()), w);
        assertEquals(600, h.length(0));
    }
}
