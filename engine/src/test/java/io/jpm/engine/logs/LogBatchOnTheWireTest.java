package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The daemon writes log batches straight from the bytes (LogBatchJson) rather than through the record, for speed: its
 * output must read back as the record, and be the record's bytes but for how a control character is escaped.
 */
class LogBatchOnTheWireTest {

    @Test
    void theHotPathWriterWritesWhatTheRecordWrites() throws Exception {
        LogBatchJson b = new LogBatchJson("web \"api\"", 7, "err", 1000);
        byte[] stamp = "2026-12-02T00:00:00".getBytes(StandardCharsets.US_ASCII);
        String[] texts = {"plain", "tab\tquote\" back\\ ctl\u0001", "é ünïcode ✓"};
        List<LogBatch.Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            byte[] t = texts[i].getBytes(StandardCharsets.UTF_8);
            boolean withStamp = i != 1;
            b.add(i + 1, 1000 + i, withStamp ? stamp : null, stamp.length, t, 0, t.length, i == 2);
            lines.add(new LogBatch.Line(
                    i + 1,
                    1000 + i,
                    withStamp ? new String(stamp, StandardCharsets.US_ASCII) : null,
                    texts[i],
                    i == 2));
        }
        byte[] hot = b.take();
        LogBatch record = new LogBatch("web \"api\"", 7, "err", lines);
        assertEquals(record, Wire.read(hot, LogBatch::read));
        // byte for byte too, but for control characters: the hot path writes a tab as \u0009 where Jackson writes \t
        String recordText = new String(Wire.bytes(record), StandardCharsets.UTF_8).replace("\\t", "\\u0009");
        assertEquals(recordText, new String(hot, StandardCharsets.UTF_8));
    }
}
