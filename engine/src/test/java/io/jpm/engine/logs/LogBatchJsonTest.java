package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogBatchJsonTest {
    @Test
    void encodesLinesAsAJsonLibraryWouldReadThem() throws Exception {
        LogBatchJson b = new LogBatchJson("web \"api\"", 7, "err", 16);
        byte[] stamp = "2026-01-01T00:00:00.000+00:00".getBytes(StandardCharsets.US_ASCII);
        byte[] plain = "xx hello\"\\\t\u0001 ok".getBytes(StandardCharsets.UTF_8);
        b.add(1, 1000, stamp, stamp.length, plain, 3, plain.length - 3, false);
        byte[] bad = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0xa9};
        b.add(2, 1001, null, 0, bad, 0, bad.length, true);
        // 22 bytes, limit 16: cut at a character boundary
        byte[] longLine = "ééééééééééé".getBytes(StandardCharsets.UTF_8);
        b.add(3, 1002, stamp, stamp.length, longLine, 0, longLine.length, false);
        assertEquals(3, b.lines());

        JsonNode m = Json.MAPPER.readTree(b.take());
        assertEquals("web \"api\"", m.path("app").asText());
        assertEquals(7, m.path("id").asInt());
        assertEquals("err", m.path("stream").asText());
        JsonNode l = m.path("lines");
        assertEquals(3, l.size());
        assertEquals(1, l.get(0).path("seq").asLong());
        assertEquals(1000, l.get(0).path("ts").asLong());
        assertEquals("2026-01-01T00:00:00.000+00:00", l.get(0).path("stamp").asText());
        assertEquals("hello\"\\\t\u0001 ok", l.get(0).path("text").asText());
        assertEquals(false, l.get(0).path("continued").asBoolean());
        assertTrue(l.get(1).path("stamp").isNull());
        assertEquals("a\ufffdbé", l.get(1).path("text").asText());
        assertEquals(true, l.get(1).path("continued").asBoolean());
        assertEquals("éééééééé", l.get(2).path("text").asText(), "16 bytes: eight whole characters");
        assertEquals(true, l.get(2).path("continued").asBoolean());

        assertNull(b.take(), "nothing added since");
        b.add(4, 1003, null, 0, plain, 0, 2, false);
        assertEquals(1, Json.MAPPER.readTree(b.take()).path("lines").size(), "a fresh message");
    }
}
