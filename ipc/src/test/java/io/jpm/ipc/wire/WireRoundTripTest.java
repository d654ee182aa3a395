package io.jpm.ipc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.jpm.ipc.Json;
import io.jpm.ipc.Topics;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every wire record's writer and reader agree, and the writer keeps the JSON that users and scripts read. */
class WireRoundTripTest {

    /** Reads a value back with the static {@code read(JsonParser)} of its own type. */
    static WireValue roundTrip(WireValue v) throws Exception {
        Method read = v.getClass().getMethod("read", JsonParser.class);
        return Wire.read(Wire.bytes(v), p -> {
            try {
                return (WireValue) read.invoke(null, p);
            } catch (ReflectiveOperationException e) {
                throw new IOException(e.getCause());
            }
        });
    }

    @Test
    void everyResultSurvivesWritingAndReading() throws Exception {
        for (WireValue v : Samples.results())
            assertEquals(v, roundTrip(v), v.getClass().getSimpleName());
    }

    @Test
    void statsEventsAndLogBatchesSurviveWritingAndReading() throws Exception {
        assertEquals(Samples.stats(), roundTrip(Samples.stats()));
        assertEquals(Samples.consoleStats(), roundTrip(Samples.consoleStats()));
        assertEquals(Samples.logBatch(), roundTrip(Samples.logBatch()));
        for (WorkerEvent e : Samples.events()) assertEquals(e, roundTrip(e));
    }

    @Test
    void aConsoleStatsWorkerIsOneArrayAndABadOneIsRefusedWithASentence() throws Exception {
        ConsoleStats sample = Samples.consoleStats();
        String json = new String(Wire.bytes(sample), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"workers\":[[" + sample.workers().get(0).id() + ",\""), json);
        byte[] shortRow = "{\"ts\":1,\"workers\":[[0,\"web\",0]]}".getBytes(StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Published.read(Topics.VIEW_STATS, shortRow));
        assertEquals("a view.stats worker is too short", e.getMessage());
        // a newer daemon's extra column is skipped
        byte[] longer = json.replaceFirst("\\]", ",\"later\"]").getBytes(StandardCharsets.UTF_8);
        assertEquals(sample, Wire.read(longer, ConsoleStats::read));
    }

    @Test
    void aListItemIsWrittenAsJpmListJsonHasAlwaysPrintedIt() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 2);
        m.put("name", "web");
        m.put("instance", 1);
        m.put("mode", "cluster");
        m.put("pid", 777L);
        m.put("status", "waiting-restart");
        m.put("restarts", 0);
        m.put("uptimeMs", 12L);
        m.put("cpu", 100.0);
        m.put("memory", 1L);
        m.put("unstableRestarts", 0);
        m.put("lastExit", null);
        m.put("reason", null);
        m.put("port", 41_234);
        m.put("ready", true);
        Map<String, Object> conns = new LinkedHashMap<>();
        conns.put("active", 1);
        conns.put("total", 10L);
        conns.put("bytesIn", 1_200L);
        conns.put("bytesOut", 56_000L);
        m.put("conns", conns);
        m.put("adopted", true);
        m.put("watching", true);
        m.put("health", "healthy");
        assertEquals(Json.MAPPER.writeValueAsString(m), text(Samples.clusterWorker()));
        assertEquals(
                "{\"id\":1,\"name\":\"job\",\"instance\":0,\"mode\":\"fork\",\"pid\":null,\"status\":\"errored\","
                        + "\"restarts\":15,\"uptimeMs\":0,\"cpu\":0.0,\"memory\":0,\"unstableRestarts\":15,"
                        + "\"lastExit\":\"signal SIGKILL\",\"reason\":\"too many unstable restarts\"}",
                text(Samples.stoppedWorker()));
    }

    @Test
    void aDescribeItemStartsWithTheListItemsFields() throws Exception {
        String list = text(Samples.forkWorker());
        String detail = text(Samples.detail(Samples.forkWorker(), true));
        assertEquals(list.substring(0, list.length() - 1), detail.substring(0, list.length() - 1));
        assertEquals(
                List.of("config", "env", "logs", "restartHistory", "startedAt", "notifyStatus", "metrics"),
                fieldsAfter(detail, list));
    }

    @Test
    void anEventCarriesOnlyTheFieldsOfItsKind() {
        assertEquals(
                "{\"event\":\"reload\",\"app\":\"web\",\"id\":3,\"instance\":1,\"ts\":4,\"pid\":43,\"oldPid\":42}",
                text(Samples.events().get(5)));
        assertEquals(
                "{\"event\":\"exit\",\"app\":\"api\",\"id\":0,\"instance\":0,\"ts\":2,\"pid\":42,\"signal\":\"SIGKILL\"}",
                text(Samples.events().get(2)));
    }

    @Test
    void aReaderSkipsFieldsItDoesNotKnowAndRefusesAWrongShape() throws Exception {
        byte[] newer = ("{\"id\":0,\"name\":\"a\",\"future\":{\"x\":[1,{\"y\":2}]},\"mode\":\"fork\",\"pid\":null,"
                        + "\"status\":\"stopped\"}")
                .getBytes(StandardCharsets.UTF_8);
        WorkerView w = Wire.read(newer, WorkerView::read);
        assertEquals(WorkerStatus.STOPPED, w.status());
        assertEquals("a", w.name());
        assertThrows(IOException.class, () -> Wire.read("[1]".getBytes(), WorkerView::read));
        assertThrows(
                IOException.class,
                () -> Wire.read(
                        "{\"name\":\"a\",\"mode\":\"fork\",\"status\":\"dancing\"}".getBytes(), WorkerView::read));
        assertThrows(
                IOException.class,
                () -> Wire.read("{\"event\":\"exploded\",\"app\":\"a\"}".getBytes(), WorkerEvent::read));
    }

    @Test
    void everyStatusAndEventKindHasAWireNameThatReadsBack() {
        for (WorkerStatus s : WorkerStatus.values()) assertEquals(s, WorkerStatus.fromWire(s.wire()));
        for (EventKind k : EventKind.values()) assertEquals(k, EventKind.fromWire(k.wire()));
        assertEquals("waiting-restart", WorkerStatus.WAITING_RESTART.wire());
    }

    static String text(WireValue v) {
        return new String(Wire.bytes(v), StandardCharsets.UTF_8);
    }

    private static List<String> fieldsAfter(String detail, String list) throws IOException {
        Map<String, Object> all = Wire.read(detail.getBytes(StandardCharsets.UTF_8), p -> Wire.map(p, Wire::any));
        Map<String, Object> base = Wire.read(list.getBytes(StandardCharsets.UTF_8), p -> Wire.map(p, Wire::any));
        return all.keySet().stream().filter(k -> !base.containsKey(k)).toList();
    }
}
