package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisplayRateTest {
    static final long MS = 1_000_000L;

    @Test
    void aWindowPassesItsBudgetOfLinesThenCountsTheRestAndAnnouncesThemWithTheNextMessage() {
        DisplayRate rate = new DisplayRate(100 * MS, 50);
        assertEquals(new DisplayRate.Decision(true, 0), rate.offer(30, 0));
        assertEquals(new DisplayRate.Decision(true, 0), rate.offer(20, 10 * MS));
        assertEquals(new DisplayRate.Decision(false, 0), rate.offer(1, 20 * MS));
        assertEquals(new DisplayRate.Decision(false, 0), rate.offer(40, 99 * MS));
        assertEquals(new DisplayRate.Decision(true, 41), rate.offer(5, 100 * MS));
        assertEquals(new DisplayRate.Decision(true, 0), rate.offer(5, 101 * MS));
    }

    @Test
    void theFirstMessageOfAWindowPassesHoweverLarge() {
        DisplayRate rate = new DisplayRate(100 * MS, 50);
        assertTrue(rate.offer(400, 0).forward());
        assertFalse(rate.offer(1, 1 * MS).forward());
        assertTrue(rate.offer(400, 500 * MS).forward());
    }

    @Test
    void aFloodOfTenThousandLinesASecondBecomesAtMostTheBudget() {
        DisplayRate rate = DisplayRate.forConsoles();
        long forwarded = 0;
        long announced = 0;
        // 80 lines per message, 125 messages a second, for 10 s
        for (int i = 0; i < 1_250; i++) {
            DisplayRate.Decision d = rate.offer(80, i * 8 * MS);
            if (d.forward()) forwarded += 80;
            announced += d.announceSkipped();
        }
        assertTrue(forwarded <= 10 * 10 * 80, "forwarded " + forwarded);
        assertTrue(forwarded >= 10 * 10 * 50, "forwarded " + forwarded);
        assertTrue(100_000 - forwarded - announced <= 80 * 12, "every skipped line but the last window's is counted");
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
}
