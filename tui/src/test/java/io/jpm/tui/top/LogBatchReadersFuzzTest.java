package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Json;
import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.Wire;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds arbitrary bytes as a {@code log.<app>.<stream>} event body to the one reader of log batches
 * ({@link LogBatch#read}, used by jpm-top and {@code jpm logs}), and compares it with a plain tree read. The reader
 * throws nothing but the documented {@link IOException} (which the subscriber turns into a skipped message),
 * jpm-top's lines hold no control characters, and on a well-formed batch with one {@code lines} array of text lines,
 * the reader and the tree read give the same texts (as the pane shows them), app and id.
 */
class LogBatchReadersFuzzTest {

    @FuzzTest(maxDuration = "6s")
    void theReaderTakesAnyBodyAndAgreesWithATreeRead(byte[] body) {
        LogBatch batch;
        try {
            batch = Wire.read(body, LogBatch::read);
        } catch (IOException e) {
            return; // skipped by the subscriber
        }
        List<LogLine> shown = LogLine.of(batch);
        for (LogLine line : shown) {
            assertNotNull(line.app());
            assertTrue(line.text().chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "a control character");
        }

        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return; // a body the streaming reader accepted in part; nothing to compare with
        }
        if (tree == null || !tree.isObject() || !tree.path("lines").isArray()) return;
        List<String> texts = new ArrayList<>();
        for (JsonNode l : tree.path("lines")) {
            if (!l.isObject() || !l.path("text").isTextual()) return; // odd shapes are read leniently
            texts.add(LogLine.sanitize(l.path("text").asText()));
        }
        if (!tree.path("app").isTextual() || !tree.path("id").isInt()) return;
        assertEquals(texts, shown.stream().map(LogLine::text).toList(), "the reader and the tree disagree");
        for (LogLine line : shown) {
            assertEquals(tree.path("app").asText(), line.app());
            assertEquals(tree.path("id").asInt(), line.id());
        }
    }
}
