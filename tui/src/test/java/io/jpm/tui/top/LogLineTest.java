package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {
    /** The console's lines of a published log message; a message that does not read gives none. */
    static List<LogLine> read(String json) {
        try {
            return LogLine.of(Wire.read(json.getBytes(StandardCharsets.UTF_8), LogBatch::read));
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void readsEveryLineOfAMessageWhateverTheFieldOrder() {
        List<LogLine> lines = read("{\"lines\":[{\"seq\":1,\"ts\":5,\"text\":\"a\",\"continued\":false},"
                + "{\"text\":\"b\",\"extra\":{\"x\":[1]}}],\"stream\":\"err\",\"id\":7,\"app\":\"api\",\"new\":[1]}");
        assertEquals(List.of(new LogLine("api", 7, true, "a"), new LogLine("api", 7, true, "b")), lines);
    }

    @Test
    void aBrokenMessageAddsNothing() {
        assertEquals(List.of(), read("{\"app\":\"api\",\"lines\":[{\"text\":\"a\"}"));
        assertEquals(List.of(), read("[1,2]"));
        assertEquals(List.of(), read(""));
    }
}
