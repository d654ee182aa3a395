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
    void everyFieldSetIsTheOneReadBack() throws Exception {
        WorkerView v = WorkerView.builder(2, "web", WorkerStatus.WAITING_RESTART)
                .instance(1)
                .mode("cluster")
                .pid(777L)
                .restarts(4)
                .uptimeMs(12)
                .cpu(99.5)
                .memory(1 << 20)
                .unstableRestarts(2)
                .lastExit("code 1")
                .reason("r")
                .port(41_234)
                .ready(true)
                .conns(new Conns(1, 10, 1_200, 56_000))
                .adopted(true)
                .watching(true)
                .health("healthy")
                .build();
        assertEquals(v, Wire.read(Wire.bytes(v), WorkerView::read));
        assertEquals(777L, v.pid());
        assertEquals(41_234, v.port());
        assertEquals(2, v.unstableRestarts());
    }

    @Test
    void aNameAndAStatusAreRequired() {
        assertThrows(NullPointerException.class, () -> WorkerView.builder(0, null, WorkerStatus.ONLINE));
        assertThrows(NullPointerException.class, () -> WorkerView.builder(0, "a", null));
    }
}
