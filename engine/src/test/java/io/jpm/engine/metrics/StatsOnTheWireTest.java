package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.ipc.JpmClient;
import io.jpm.ipc.Reply;
import io.jpm.ipc.internal.RequestCodec;
import io.jpm.ipc.wire.History;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WorkerStatus;
import io.jpm.ipc.wire.WorkerView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the engine writes (a reply through the server's encoder, a published message) the client's readers read. */
class StatsOnTheWireTest {

    @Test
    void aHistoryReplyFromTheEngineReadsBackWhole() throws Exception {
        MetricsHistory h = new MetricsHistory(1000);
        List<SampleTarget> w = List.of(new SampleTarget(0, "web", 100, false), new SampleTarget(4, "job", 0, false));
        h.record(new Tick(1000, 1000, new HostUsage(10, 2, 500, 1000), Map.of(0, new Usage(100, 3, 200))), w);
        h.record(new Tick(2000, 1000, new HostUsage(20, 2, 600, 1000), Map.of(0, new Usage(100, 5, 210))), w);
        History sent = h.snapshot();
        byte[] frame = RequestCodec.encode(Reply.ok(sent));
        History read = JpmClient.readReply(frame, History::read);
        assertEquals(sent, read);
        assertArrayEquals(new double[] {3, 5}, read.workers().get(0).cpu());
        assertArrayEquals(new long[] {500, 600}, read.hostMemUsed());
    }

    @Test
    void aStatsMessageFromTheEngineReadsBackWhole() throws Exception {
        WorkerView web = WorkerView.builder(0, "web", WorkerStatus.ONLINE)
                .pid(100L)
                .restarts(1)
                .uptimeMs(5000)
                .cpu(3.5)
                .memory(4096)
                .build();
        Stats sent = StatsMessage.of(
                new Tick(2000, 1000, new HostUsage(12.5, 2, 300, 1000), Map.of()), List.of(web), Map.of(7, 12L));
        assertEquals(sent, Wire.read(Wire.bytes(sent), Stats::read));
        assertEquals(new Stats.Host(12.5, 2, 300, 1000), sent.host());
    }
}
