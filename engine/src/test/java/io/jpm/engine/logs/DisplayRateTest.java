package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisplayRateTest {
    static final long MS = 1_000_000L;

    @Test
    void aWindowPassesItsBudgetOfLinesThenCountsTheRestAndAnnouncesThemWithTheNextLinesThatPass() {
        DisplayRate rate = new DisplayRate(100 * MS, 50);
        assertEquals(new DisplayRate.Decision(30, 0), rate.offer(30, 0));
        assertEquals(new DisplayRate.Decision(20, 0), rate.offer(20, 10 * MS));
        assertEquals(new DisplayRate.Decision(0, 0), rate.offer(1, 20 * MS));
        assertEquals(new DisplayRate.Decision(0, 0), rate.offer(40, 99 * MS));
        assertEquals(new DisplayRate.Decision(5, 41), rate.offer(5, 100 * MS));
        assertEquals(new DisplayRate.Decision(5, 0), rate.offer(5, 101 * MS));
    }

    @Test
    void aMessageLargerThanWhatIsLeftPassesItsNewestLinesAndTheOlderOnesAreAnnouncedAsSkipped() {
        DisplayRate rate = new DisplayRate(100 * MS, 50);
        assertEquals(new DisplayRate.Decision(50, 350), rate.offer(400, 0));
        assertEquals(new DisplayRate.Decision(0, 0), rate.offer(1, 1 * MS));
        assertEquals(new DisplayRate.Decision(50, 1 + 350), rate.offer(400, 500 * MS));
        assertEquals(new DisplayRate.Decision(0, 0), rate.offer(10, 501 * MS));
        assertEquals(new DisplayRate.Decision(10, 10), rate.offer(10, 600 * MS));
    }

    @Test
    void aFloodOfTenThousandLinesASecondBecomesTheBudgetAndEveryOtherLineIsCounted() {
        DisplayRate rate = DisplayRate.forConsoles();
        long forwarded = 0;
        long announced = 0;
        // 80 lines per message, 125 messages a second, for 10 s
        for (int i = 0; i < 1_250; i++) {
            DisplayRate.Decision d = rate.offer(80, i * 8 * MS);
            forwarded += d.lines();
            announced += d.announceSkipped();
        }
        assertTrue(forwarded <= 10 * 5 * 60, "forwarded " + forwarded);
        assertTrue(forwarded >= 10 * 5 * 60 - 60, "forwarded " + forwarded);
        assertTrue(100_000 - forwarded - announced <= 80 * 25, "every skipped line but the last window's is counted");
    }

    @Test
    void aShareOfThreeSendsAThirdOfTheLinesInAThirdOfTheMessages() {
        DisplayRate one = DisplayRate.forConsoles();
        DisplayRate third = DisplayRate.forConsoles(3);
        long[] lines = new long[2];
        long[] messages = new long[2];
        for (int i = 0; i < 1_250; i++) { // 10,000 lines a second for 10 s, 80 a message
            DisplayRate.Decision a = one.offer(80, i * 8 * MS);
            DisplayRate.Decision b = third.offer(80, i * 8 * MS);
            lines[0] += a.lines();
            lines[1] += b.lines();
            if (a.forward()) messages[0]++;
            if (b.forward()) messages[1]++;
        }
        assertEquals(lines[0] / 3.0, lines[1], 60, "a third of the lines a second");
        assertEquals(messages[0] / 3.0, messages[1], 2, "in a third of the messages");
    }

    @Test
    void badSettingsFailWithTheValue() {
        assertThrows(IllegalArgumentException.class, () -> new DisplayRate(0, 50));
        assertThrows(IllegalArgumentException.class, () -> new DisplayRate(100 * MS, 0));
    }

    @Test
    void linesOfAMessageAreCountedAndATextThatQuotesTheKeyIsNotALine() {
        LogBatchJson batch = new LogBatchJson("api", 0, "out", 4096);
        byte[] a = "plain".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"seq\":1} in a line".getBytes(StandardCharsets.UTF_8);
        batch.add(1, 0, null, 0, a, 0, a.length, false);
        batch.add(2, 0, null, 0, b, 0, b.length, false);
        batch.add(3, 0, null, 0, a, 0, a.length, false);
        assertEquals(3, LogBatchJson.countLines(batch.take()));
    }

    @Test
    void aMessageCutToItsLastLinesKeepsItsHeaderAndThoseLinesByteForByte() throws Exception {
        LogBatchJson batch = new LogBatchJson("api", 3, "err", 4096);
        for (int i = 1; i <= 5; i++) {
            byte[] t = ("line " + i + " \"{\"seq\":0}\" é").getBytes(StandardCharsets.UTF_8);
            batch.add(i, 100 + i, null, 0, t, 0, t.length, false);
        }
        byte[] all = batch.take();
        assertSame(all, LogBatchJson.lastLines(all, 5));
        byte[] cut = LogBatchJson.lastLines(all, 2);
        JsonNode whole = new ObjectMapper().readTree(all);
        JsonNode tail = new ObjectMapper().readTree(cut);
        assertEquals("api", tail.path("app").asText());
        assertEquals(3, tail.path("id").asInt());
        assertEquals("err", tail.path("stream").asText());
        assertEquals(2, tail.path("lines").size());
        assertEquals(whole.path("lines").get(3), tail.path("lines").get(0));
        assertEquals(whole.path("lines").get(4), tail.path("lines").get(1));
        assertThrows(IllegalArgumentException.class, () -> LogBatchJson.lastLines(all, 0));
    }
}
