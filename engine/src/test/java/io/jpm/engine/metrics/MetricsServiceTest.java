package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.engine.logs.RecordingDaemonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsServiceTest {
    @Test
    void eachTickSamplesRecordsAndReportsOnce() {
        FakeReader r = new FakeReader().set(10, 0, 4096);
        AtomicLong nanos = new AtomicLong();
        List<Tick> seen = new ArrayList<>();
        List<SampleTarget> watched = List.of(new SampleTarget(3, "busy", 10, false));
        HostReader host = () -> new HostUsage(25, 2, 100, 200);
        try (MetricsService m = new MetricsService(
                200, () -> watched, host, r, nanos::get, () -> 0, seen::add, new RecordingDaemonLog())) {
            m.tick(1_000);
            nanos.addAndGet(200_000_000L);
            r.set(10, 20, 8192); // 20 ticks in 0.2 s: one core
            m.tick(1_200);
            assertEquals(2, seen.size());
            Tick t = m.latest();
            assertEquals(1_200, t.ts());
            assertEquals(200, t.intervalMs());
            assertEquals(100.0, t.workers().get(3).cpu());
            assertEquals(8192, t.workers().get(3).memory());
            assertEquals(25, t.host().cpu());
            assertEquals(2, m.history().length(3));
            assertEquals(1_200L, m.history().snapshot().ts());
        }
    }
}
