package io.jpm.ipc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The builder names each field of a {@link WorkerView}; what it leaves out is a stopped fork worker's value. */
class WorkerViewBuilderTest {

    @Test
    void unsetFieldsTakeTheValuesOfAWorkerWithoutAProcess() {
        WorkerView v = WorkerView.builder(3, "api", WorkerStatus.STOPPED).build();
        assertEquals(
                new WorkerView(
                        3,
                        "api",
                        0,
                        "fork",
                        null,
                        WorkerStatus.STOPPED,
                        0,
                        0,
                        0.0,
                        0,
                        0,
                        null,
                        null,
                        0,
                        null,
                        null,
                        false,
                        false,
                        null,
                        null),
                v);
    }

    @Test
    void everyFieldSetIsTheOneShownAndReadBack() throws Exception {
        WorkerView v = Samples.clusterWorker();
        assertEquals(2, v.id());
        assertEquals("cluster", v.mode());
        assertEquals(777L, v.pid());
        assertEquals(41_234, v.port());
        assertEquals(new Conns(1, 10, 1_200, 56_000), v.conns());
        assertEquals("healthy", v.health());
        assertEquals(v, Wire.read(Wire.bytes(v), WorkerView::read));
    }

    @Test
    void aNameAndAStatusAreRequired() {
        assertThrows(NullPointerException.class, () -> WorkerView.builder(0, null, WorkerStatus.ONLINE));
        assertThrows(NullPointerException.class, () -> WorkerView.builder(0, "a", null));
    }
}
