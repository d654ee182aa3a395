package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.jpm.ipc.Request;
import io.jpm.themes.ColorDepth;
import io.jpm.themes.ThemeCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code jpm-top --hosts}: one grid over several daemons, with fake links, drawn on Lanterna's virtual terminal. */
class FleetTopTest {
    private static final List<String> HOSTS = List.of("alpha", "beta", "gamma");

    private final Map<String, RecordingSink> sinks = new LinkedHashMap<>();
    private final List<Input> unrouted = new ArrayList<>();
    private final TopState state = new TopState(1000, ThemeCatalog.builtIns().themes(), 0, HOSTS);
    private final TopController controller;

    FleetTopTest() {
        for (String h : HOSTS) sinks.put(h, new RecordingSink());
        controller = new TopController(state, new FleetLinks(sinks, List.of(), unrouted::add));
        for (String h : HOSTS) {
            from(h, new Input.Connected("tcp://" + h + ":7070"));
            from(
                    h,
                    new Input.Workers(
                            List.of(
                                    Fixtures.worker(0, h + "-web", "online", 0, 1.5),
                                    Fixtures.worker(1, h + "-job", "online", 0, 0.5)),
                            null));
            from(h, new Input.Logs(List.of(new LogLine(h + "-web", 0, false, "hello from " + h))));
        }
    }

    private void from(String host, Input input) {
        controller.handle(new Input.FromHost(host, input), 0);
    }

    private void key(char c) {
        controller.handle(new Input.Key(new KeyStroke(c, false, false)), 0);
    }

    @Test
    void oneGridOverEveryHostWithAHostColumnAndTheConnectedCount() throws Exception {
        try (VirtualScreen v = new VirtualScreen(120, 40, ColorDepth.TRUECOLOR, false)) {
            String text = v.draw(state).text();
            assertTrue(v.row(0).contains("6 workers"), v.row(0));
            assertTrue(v.row(0).contains("3/3 hosts"), v.row(0));
            assertTrue(v.row(1).startsWith("host "), v.row(1));
            for (String h : HOSTS) {
                assertTrue(text.matches("(?s).*\\n" + h + "\\s+0 " + h + "-web .*"), h + " web row: " + text);
                assertTrue(text.matches("(?s).*\\n" + h + "/" + h + "-web:0\\s+│ hello from " + h + ".*"), text);
            }
        }
    }

    @Test
    void aHostThatGoesAwayIsMarkedAndComesBackByItself() throws Exception {
        from("beta", new Input.Disconnected("no reply from the daemon"));
        try (VirtualScreen v = new VirtualScreen(120, 40, ColorDepth.TRUECOLOR, false)) {
            String text = v.draw(state).text();
            assertTrue(v.row(0).contains("2/3 hosts, down: beta"), v.row(0));
            assertTrue(text.matches("(?s).*\\nbeta\\s+0 beta-web\\s+fork\\s+\\d+ host-down.*"), text);
            assertTrue(text.matches("(?s).*\\nalpha\\s+0 alpha-web\\s+fork\\s+\\d+ online.*"), text);
            assertTrue(text.contains("host beta disconnected (no reply from the daemon)"), text);

            from("beta", new Input.Connected("tcp://beta:7070"));
            text = v.draw(state).text();
            assertTrue(v.row(0).contains("3/3 hosts"), v.row(0));
            assertFalse(text.contains("host-down"), text);
        }
    }

    @Test
    void actionKeysActOnTheSelectedWorkersOwnDaemon() {
        // rows sorted by id: alpha#0, beta#0, gamma#0, alpha#1, ...; select beta's worker 0
        key('j');
        assertEquals("beta", state.selected().host());
        assertEquals(0, state.selected().id());
        key('r');
        sinks.get("beta").assertRequests(new Request.Restart("0", false, Map.of()));
        sinks.get("alpha").assertRequests();
        sinks.get("gamma").assertRequests();
        assertTrue(state.status.contains("on beta"), state.status);

        key('j');
        key('d'); // asks first, then goes to gamma
        assertTrue(state.confirmQuestion.contains("(on gamma)"), state.confirmQuestion);
        controller.handle(new Input.Key(new KeyStroke(KeyType.Enter)), 0);
        sinks.get("gamma").assertRequests(new Request.Delete("0"));
        sinks.get("alpha").assertRequests();

        from("gamma", new Input.Done(sinks.get("gamma").commands.get(0), null, "boom"));
        assertTrue(state.status.contains("on gamma: failed: boom"), state.status);
        assertTrue(unrouted.isEmpty(), unrouted.toString());
    }

    @Test
    void hostFilterCyclesThroughTheHostsAndFiltersGridAndLogs() throws Exception {
        try (VirtualScreen v = new VirtualScreen(120, 40, ColorDepth.TRUECOLOR, false)) {
            key('H');
            String text = v.draw(state).text();
            assertEquals("alpha", state.hostFilter);
            assertEquals(2, state.rows.size());
            assertTrue(state.rows.stream().allMatch(w -> w.host().equals("alpha")), state.rows.toString());
            assertTrue(v.row(0).contains("host alpha"), v.row(0));
            assertTrue(text.contains("hello from alpha") && !text.contains("hello from beta"), text);
            key('H');
            assertEquals("beta", state.hostFilter);
            assertEquals("beta", state.selected().host());
            key('H');
            key('H');
            assertEquals("", state.hostFilter);
            assertEquals(6, state.rows.size());
        }
    }

    @Test
    void eightyByTwentyFourStillFits() throws Exception {
        try (VirtualScreen v = new VirtualScreen(80, 24, ColorDepth.ANSI16, true)) {
            String text = v.draw(state).text();
            assertTrue(v.row(1).startsWith("host "), v.row(1));
            assertTrue(v.row(0).contains("3/3 hosts"), v.row(0));
            for (String h : HOSTS) assertTrue(text.contains(h + "-web"), text);
        }
    }

    @Test
    void aCommandForAnUnknownHostFailsWithOneLine() {
        new FleetLinks(sinks, List.of(), unrouted::add)
                .submit(Command.action("stop x", new Request.Stop("0")).to("zeta"));
        assertEquals(1, unrouted.size());
        assertEquals("no such host: zeta", ((Input.Done) unrouted.get(0)).error());
    }
}
