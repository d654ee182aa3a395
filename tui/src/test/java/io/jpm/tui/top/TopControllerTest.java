package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.jpm.ipc.Request;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys in, commands and state changes out. */
class TopControllerTest {
    final TopState s = Fixtures.demoState();
    final RecordingSink sink = new RecordingSink();
    final TopController c = new TopController(s, sink);

    TopController.Outcome press(char ch) {
        return c.handle(new Input.Key(new KeyStroke(ch, false, false)), 0);
    }

    TopController.Outcome press(KeyType type) {
        return c.handle(new Input.Key(new KeyStroke(type)), 0);
    }

    @Test
    void rRestartsTheSelectedWorkerById() {
        press('j');
        press('r');
        sink.assertRequests(new Request.Restart("1", false, Map.of()));
        assertTrue(s.status.startsWith("restart web (id 1)"), s.status);
    }

    @Test
    void plusScalesTheAppUpAndShiftRReloadsIt() {
        press('j');
        press('j');
        press('+');
        press('R');
        sink.assertRequests(new Request.Scale("ticker", "+1"), new Request.Reload("ticker", false, Map.of()));
    }

    @Test
    void destructiveActionsAskFirst() {
        press('d');
        assertEquals(List.of(), sink.requests());
        assertEquals(TopState.Overlay.CONFIRM, s.overlay);
        press('n');
        assertEquals(List.of(), sink.requests());
        press('d');
        press('y');
        press('-');
        press(KeyType.Enter);
        press('s');
        press(KeyType.Escape);
        sink.assertRequests(new Request.Delete("0"), new Request.Scale("web", "-1"));
    }

    @Test
    void sStartsAStoppedWorkerWithoutAsking() {
        for (int i = 0; i < 5; i++) press(KeyType.ArrowDown);
        assertEquals(5, s.selected().id());
        press('s');
        sink.assertRequests(new Request.Restart("5", false, Map.of()));
    }

    @Test
    void enterAsksForTheDetailAndItsResultOpensTheView() throws Exception {
        press(KeyType.Enter);
        Command describe = sink.commands.get(0);
        assertEquals(new Request.Describe("0", false), describe.request());
        var result = io.jpm.ipc.wire.Wire.read(
                ("[{\"id\":0,\"name\":\"web\",\"status\":\"online\",\"pid\":7,"
                                + "\"restartHistory\":[{\"at\":0,\"exit\":\"code 1\",\"outcome\":\"restarted\"}]}]")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                io.jpm.ipc.wire.Results.Details::read);
        c.handle(new Input.Done(describe, result, null), 0);
        assertEquals(TopState.Overlay.DETAIL, s.overlay);
        assertTrue(
                s.detailLines.stream().anyMatch(l -> l.contains("code 1") && l.contains("restarted")),
                s.detailLines.toString());
    }

    @Test
    void theDetailShowsTheNotifyStatusTheHealthAndTheLastProbeFailure() throws Exception {
        press(KeyType.Enter);
        Command describe = sink.commands.get(0);
        var result = io.jpm.ipc.wire.Wire.read(
                ("[{\"id\":0,\"name\":\"web\",\"status\":\"online\",\"pid\":7,\"health\":\"unhealthy\","
                                + "\"notifyStatus\":{\"text\":\"warming up\",\"at\":0},"
                                + "\"probes\":[{\"probe\":\"readiness\",\"target\":\"GET http://127.0.0.1:$PORT/ready\","
                                + "\"state\":\"unhealthy\",\"failures\":3,"
                                + "\"lastFailure\":{\"at\":0,\"ok\":false,\"output\":\"HTTP 503\",\"tookMs\":2}}]}]")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                io.jpm.ipc.wire.Results.Details::read);
        c.handle(new Input.Done(describe, result, null), 0);
        String text = String.join("\n", s.detailLines);
        assertTrue(text.contains("notify status  warming up"), text);
        assertTrue(text.contains("health         unhealthy"), text);
        assertTrue(text.contains("readiness      unhealthy (GET http://127.0.0.1:$PORT/ready)"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("last failure") && l.endsWith("HTTP 503")), text);
    }

    @Test
    void aFailedCommandShowsItsErrorInTheStatusLine() {
        press('r');
        c.handle(new Input.Done(sink.commands.get(0), null, "unknown app: 0"), 0);
        assertTrue(s.statusError);
        assertEquals("restart web (id 0): failed: unknown app: 0", s.status);
    }

    @Test
    void slashFiltersWorkersAsYouTypeAndOCyclesTheSort() {
        press('/');
        press('w');
        press('e');
        assertEquals(2, s.rows.size());
        press(KeyType.Enter);
        assertEquals("we", s.processFilter);
        press(KeyType.Escape);
        assertEquals(6, s.rows.size());
        press('o');
        press('o');
        assertEquals(SortKey.CPU, s.sort);
        assertEquals("burner", s.rows.get(0).name());
    }

    @Test
    void fSetsALogRegexAndABadOneIsRefusedWithAMessage() {
        press('f');
        for (char ch : "crash".toCharArray()) press(ch);
        press(KeyType.Enter);
        assertEquals("crash", s.logFilter.pattern());
        assertEquals(1, s.logs.window(s.logPredicate(), 10, 0, 0).size());
        press('f');
        press(KeyType.Backspace);
        for (int i = 0; i < 5; i++) press(KeyType.Backspace);
        press('(');
        assertTrue(s.statusError && s.status.contains("not a regular expression"), s.status);
        press(KeyType.Enter);
        assertEquals("crash", s.logFilter.pattern(), "the last good filter stays");
    }

    @Test
    void pauseFreezesTheLogViewAndEndFollowsAgain() {
        press('p');
        c.handle(new Input.Logs(List.of(new LogLine("ticker", 2, false, "later"))), 0);
        List<LogLine> shown = s.logs.window(s.logPredicate(), 10, s.logScroll, s.logsHidden());
        assertEquals(3, shown.size());
        press(KeyType.End);
        assertEquals(
                "later",
                s.logs.window(s.logPredicate(), 10, s.logScroll, s.logsHidden())
                        .get(3)
                        .text());
    }

    @Test
    void qAndCtrlCQuit() {
        assertEquals(TopController.Outcome.QUIT, press('q'));
        assertEquals(TopController.Outcome.QUIT, c.handle(new Input.Key(new KeyStroke('c', true, false)), 0));
        press('/');
        assertEquals(
                TopController.Outcome.QUIT,
                c.handle(new Input.Key(new KeyStroke('c', true, false)), 0),
                "Ctrl-C quits even while typing");
    }

    @Test
    void disconnectShowsAndReconnectClears() {
        c.handle(new Input.Disconnected("no reply from the daemon"), 0);
        assertTrue(!s.connected && s.connection.contains("reconnecting"), s.connection);
        c.handle(new Input.Connected("tcp://127.0.0.1:2"), 0);
        assertTrue(s.connected);
        assertNull(s.logFilter);
    }
}
