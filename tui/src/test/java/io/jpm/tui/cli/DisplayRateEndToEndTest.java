package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.EventSubscriber;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.Published;
import io.jpm.testing.Await;
import io.jpm.tui.DaemonConnector;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The display-rate streams of a real daemon, read by real subscribers while a worker bursts far over a screenful. */
class DisplayRateEndToEndTest extends DaemonTest {
    static final int BURST = 3_000;

    /** What one subscriber saw: lines, lines announced as skipped, and the text of the last line. */
    static final class Tally {
        long lines;
        long skipped;
        String last = "";

        void drain(EventSubscriber sub) {
            Optional<Published> m;
            while ((m = sub.receive(10)).isPresent()) {
                switch (m.get()) {
                    case LogBatch b -> {
                        lines += b.lines().size();
                        last = b.lines().getLast().text();
                    }
                    case Published.Skipped s -> skipped += s.lines();
                    default -> {}
                }
            }
        }
    }

    @Test
    void aBurstReachesConsolesAsABudgetOfLinesAndACountOfTheRestAndAFleetConsolesShareIsSmaller() throws Exception {
        Path burst =
                d.write("burst.sh", "#!/bin/sh\nsleep 1\nseq 1 " + BURST + "\nsleep 1\necho done\nexec sleep 300\n");
        new DaemonConnector(d.home).connect().close();
        CurveKeys.Pair keys = CurveKeys.read(d.home.keys().resolve("client.key"));
        DaemonInfo info = DaemonInfo.read(d.home).orElseThrow();
        try (ControlClient c = new ControlClient(info, keys);
                EventSubscriber full = new EventSubscriber(info, keys, Topics.LOG_PREFIX);
                EventSubscriber one = new EventSubscriber(info, keys, Topics.viewPrefix(1));
                EventSubscriber quarter = new EventSubscriber(info, keys, Topics.viewPrefix(4))) {
            for (EventSubscriber s : new EventSubscriber[] {full, one, quarter})
                assertTrue(s.awaitSubscribed(c, 10_000));
            d.ok("start", burst.toString(), "--name", "burst");
            Tally f = new Tally();
            Tally o = new Tally();
            Tally q = new Tally();
            Await.until("the last line on every stream", 30_000, () -> {
                f.drain(full);
                o.drain(one);
                q.drain(quarter);
                return f.last.equals("done") && o.last.equals("done") && q.last.equals("done");
            });
            assertEquals(BURST + 1, f.lines, "the full stream has every line");
            assertEquals(0, f.skipped);
            assertEquals(BURST + 1, o.lines + o.skipped, "every line is shown or counted: " + o.lines + " shown");
            assertEquals(BURST + 1, q.lines + q.skipped, "every line is shown or counted: " + q.lines + " shown");
            assertTrue(o.lines <= BURST / 10, "a console gets a screenful per interval, not the burst: " + o.lines);
            // a quarter share is the same screenful in a window four times as long (DisplayRateTest measures the
            // rate): within one burst it never gets more than a whole console's stream
            assertTrue(q.lines <= o.lines, "a quarter share is never larger: " + q.lines + " vs " + o.lines);
            // k windows of the console's stream hold at most 60k lines; the quarter share's at most 60 ceil(k/4)
            assertTrue(q.lines <= o.lines / 4 + 60, "a quarter of the rate: " + q.lines + " vs " + o.lines);
        }
        d.ok("delete", "all");
    }
}
