package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void cpuIsTheGrowthOfTicksOverTheIntervalInPercentOfOneCore() {
        FakeReader r = new FakeReader().set(10, 500, 4096).set(11, 0, 8192);
        ProcessSampler s = new ProcessSampler(r);
        List<SampleTarget> w = List.of(new SampleTarget(0, "busy", 10, false), new SampleTarget(1, "idle", 11, false));
        Map<Integer, Usage> first = s.sample(w, 5 * SECOND);
        assertEquals(0, first.get(0).cpu(), "nothing to compare with yet");
        assertEquals(4096, first.get(0).memory());
        r.set(10, 600, 4096 * 3).set(11, 5, 8192); // one more second: 100 ticks, and 5 ticks
        Map<Integer, Usage> second = s.sample(w, 6 * SECOND);
        assertEquals(100.0, second.get(0).cpu());
        assertEquals(5.0, second.get(1).cpu());
        assertEquals(4096 * 3, second.get(0).memory());
        assertEquals(10, second.get(0).pid());
        r.set(10, 650, 4096); // 50 ticks in half a second: still one core
        assertEquals(100.0, s.sample(w, 6 * SECOND + SECOND / 2).get(0).cpu());
    }

    @Test
    void aStoppedOrVanishedWorkerIsLeftOut() {
        FakeReader r = new FakeReader().set(10, 0, 1);
        ProcessSampler s = new ProcessSampler(r);
        s.sample(List.of(new SampleTarget(0, "a", 10, false), new SampleTarget(1, "a", 0, false)), 0);
        r.gone(10);
        Map<Integer, Usage> out = s.sample(List.of(new SampleTarget(0, "a", 10, false)), SECOND);
        assertFalse(out.containsKey(0));
        assertFalse(out.containsKey(1));
    }

    @Test
    void aNewProcessInTheSameSlotStartsFromZero() {
        FakeReader r = new FakeReader().set(10, 1000, 1);
        ProcessSampler s = new ProcessSampler(r);
        s.sample(List.of(new SampleTarget(0, "a", 10, false)), 0);
        r.gone(10).set(20, 3000, 1);
        assertEquals(
                0,
                s.sample(List.of(new SampleTarget(0, "a", 20, false)), SECOND)
                        .get(0)
                        .cpu());
    }

    @Test
    void withTreeTheDescendantsAreSummedIn() {
        FakeReader r = new FakeReader().set(10, 0, 1000).set(11, 0, 5000);
        r.children.put(10L, List.of(11L));
        ProcessSampler s = new ProcessSampler(r);
        List<SampleTarget> tree = List.of(new SampleTarget(0, "npm", 10, true));
        List<SampleTarget> alone = List.of(new SampleTarget(0, "npm", 10, false));
        s.sample(tree, 0);
        r.set(11, 90, 7000);
        Usage u = s.sample(tree, SECOND).get(0);
        assertEquals(90.0, u.cpu());
        assertEquals(8000, u.memory());
        r.set(11, 180, 7000);
        Usage own = s.sample(alone, 2 * SECOND).get(0);
        assertEquals(0.0, own.cpu());
        assertEquals(1000, own.memory());
    }
}
