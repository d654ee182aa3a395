package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds arbitrary bytes as a {@code log.<app>.<stream>} event body to both readers of log batches: jpm-top's
 * streaming {@link LogMessageReader}, and the tree read that {@code EventSubscriber.next} does for {@code jpm logs}.
 * Neither throws anything but the documented {@link IOException} (which {@code next} turns into a skipped message),
 * jpm-top's lines hold no control characters, and on a well-formed batch with one {@code lines} array of text lines,
 * both read the same texts (as the pane shows them), app and id.
 */
class LogBatchReadersFuzzTest {

    @FuzzTest(maxDuration = "6s")
    void bothReadersTakeAnyBodyAndAgree(byte[] body) {
        List<LogLine> streamed = new ArrayList<>();
        LogMessageReader.read(body, streamed);
        for (LogLine line : streamed) {
            assertNotNull(line.app());
            assertTrue(line.text().chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "a control character");
        }

        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return; // jpm logs skips the message
        }
        if (tree == null || !tree.isObject() || !tree.path("lines").isArray()) return;
        List<String> texts = new ArrayList<>();
        for (JsonNode l : tree.path("lines")) {
            if (!l.isObject() || !l.path("text").isTextual()) return; // the readers differ on odd shapes
            texts.add(LogLine.sanitize(l.path("text").asText())); // the pane shows no control characters
        }
        if (!tree.path("app").isTextual() || !tree.path("id").isInt()) return;
        assertEquals(texts, streamed.stream().map(LogLine::text).toList(), "the two readers disagree");
        for (LogLine line : streamed) {
            assertEquals(tree.path("app").asText(), line.app());
            assertEquals(tree.path("id").asInt(), line.id());
        }
        assertTrue(streamed.size() == texts.size());
    }
}
