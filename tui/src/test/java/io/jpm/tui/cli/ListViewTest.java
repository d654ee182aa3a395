package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListViewTest {
    static List<WorkerView> workers() throws Exception {
        return Wire.read("""
                [{"id": 0, "name": "a-rather-long-application-name-for-the-api", "mode": "cluster", "pid": 123456,
                  "uptimeMs": 7200000, "restarts": 12, "status": "online", "cpu": 99.5, "memory": 123456789},
                 {"id": 1, "name": "worker", "mode": "fork", "pid": null, "uptimeMs": 0, "restarts": 0,
                  "status": "errored", "cpu": 0, "memory": 0}]""".getBytes(StandardCharsets.UTF_8), Results.Workers::read)
                .workers();
    }

    @Test
    void aWideTerminalShowsEveryColumn() throws Exception {
        List<String> lines = ListView.render(workers(), 200, false);
        assertEquals(
                List.of("id", "name", "mode", "pid", "uptime", "↺", "status", "cpu", "mem"),
                List.of(lines.get(0).split("\\s+")));
        assertTrue(
                lines.get(1).contains("99.5%")
                        && lines.get(1).contains("118mb")
                        && lines.get(1).contains("2h"),
                lines.get(1));
    }

    @Test
    void eightyColumnsDropOrShortenColumnsRatherThanWrap() throws Exception {
        for (int width : new int[] {80, 60, 40}) {
            List<String> lines = ListView.render(workers(), width, false);
            for (String l : lines) assertTrue(l.length() <= width, width + ": " + l);
            assertTrue(lines.get(0).contains("status") && lines.get(0).contains("cpu"), lines.get(0));
        }
    }

    @Test
    void colorOnlyOnATerminalWithoutNoColor() throws Exception {
        assertFalse(String.join("\n", ListView.render(workers(), 120, false)).contains("\u001b["));
        assertTrue(String.join("\n", ListView.render(workers(), 120, true)).contains("\u001b["));
        assertTrue(Terminal.colorFor(true, Map.of("TERM", "xterm")));
        assertFalse(Terminal.colorFor(false, Map.of("TERM", "xterm")), "not a TTY");
        assertFalse(Terminal.colorFor(true, Map.of("NO_COLOR", "")), "NO_COLOR set, even empty");
        assertFalse(Terminal.colorFor(true, Map.of("TERM", "dumb")));
    }

    @Test
    void aWatchedAppShowsWatchingAsPm2sListDoes() throws Exception {
        List<WorkerView> rows = Wire.read("""
                [{"id": 0, "name": "web", "mode": "fork", "pid": 12, "uptimeMs": 1000, "restarts": 0,
                  "status": "online", "cpu": 0, "memory": 1, "watching": true},
                 {"id": 1, "name": "job", "mode": "fork", "pid": 13, "uptimeMs": 1000, "restarts": 0,
                  "status": "online", "cpu": 0, "memory": 1}]""".getBytes(StandardCharsets.UTF_8), Results.Workers::read)
                .workers();
        List<String> lines = ListView.render(rows, 200, false);
        assertTrue(lines.get(0).endsWith("watching"), lines.get(0));
        assertTrue(lines.get(1).endsWith("enabled"), lines.get(1));
        assertFalse(lines.get(2).contains("enabled"), lines.get(2));
        assertFalse(ListView.render(workers(), 200, false).get(0).contains("watching"), "no column when none watches");
    }

    @Test
    void sortTakesPm2sFieldsAndDirections() throws Exception {
        List<WorkerView> rows = workers();
        assertEquals(List.of(1, 0), ids(WorkerOrder.parse("name:desc").sort(rows)));
        assertEquals(List.of(0, 1), ids(WorkerOrder.parse("name").sort(rows)));
        assertEquals(List.of(1, 0), ids(WorkerOrder.parse("cpu:asc").sort(rows)));
        assertEquals(List.of(0, 1), ids(WorkerOrder.parse("restarts:desc").sort(rows)));
        for (String bad : List.of("colour", "name:up", "id:asc:desc")) {
            io.jpm.tui.CliException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.jpm.tui.CliException.class, () -> WorkerOrder.parse(bad));
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().endsWith(": " + bad), e.getMessage());
        }
    }

    /** The same two workers as describe shows them: a node app, and a binary run without an interpreter. */
    static List<WorkerDetail> details() throws Exception {
        return Wire.read("""
                [{"id": 0, "name": "a-rather-long-application-name-for-the-api", "mode": "cluster", "pid": 123456,
                  "uptimeMs": 7200000, "restarts": 12, "status": "online", "cpu": 99.5, "memory": 123456789,
                  "config": {"script": "api.js", "command": ["/usr/bin/node", "--max-old-space-size=100", "/srv/api.js",
                             "--port", "80"], "cwd": "/srv", "namespace": "shop"},
                  "logs": {"out": "/home/u/.jpm/logs/api-out-0.log", "err": "/home/u/.jpm/logs/api-error-0.log"}},
                 {"id": 1, "name": "worker", "mode": "fork", "pid": null, "uptimeMs": 0, "restarts": 0,
                  "status": "errored", "cpu": 0, "memory": 0,
                  "config": {"script": "ls -la", "command": ["/usr/bin/ls", "-la"], "cwd": "/tmp"}}]""".getBytes(StandardCharsets.UTF_8), Results.Details::read)
                .workers();
    }

    @Test
    void jlistHasPm2sPathsAndNamespace() throws Exception {
        var list = Pm2List.of(details(), 0);
        var api = list.get(0).path("pm2_env");
        assertEquals("/srv/api.js", api.path("pm_exec_path").asText(), "the script, not the interpreter");
        assertEquals("node", api.path("exec_interpreter").asText());
        assertEquals("/srv", api.path("pm_cwd").asText());
        assertEquals(
                "/home/u/.jpm/logs/api-out-0.log", api.path("pm_out_log_path").asText());
        assertEquals(
                "/home/u/.jpm/logs/api-error-0.log", api.path("pm_err_log_path").asText());
        assertEquals("shop", api.path("namespace").asText());
        var ls = list.get(1).path("pm2_env");
        assertEquals("/usr/bin/ls", ls.path("pm_exec_path").asText());
        assertEquals("none", ls.path("exec_interpreter").asText(), "PM2's word for a binary");
        assertEquals("default", ls.path("namespace").asText());
        assertFalse(ls.has("pm_out_log_path"), "no path when describe gave none");
    }

    @Test
    void jlistHasPm2sShape() throws Exception {
        var list = Pm2List.of(details(), 10_000_000L);
        var first = list.get(0);
        assertEquals(123456, first.path("pid").asLong());
        assertEquals(0, first.path("pm_id").asInt());
        assertEquals("online", first.path("pm2_env").path("status").asText());
        assertEquals("cluster_mode", first.path("pm2_env").path("exec_mode").asText());
        assertEquals(
                10_000_000L - 7_200_000L,
                first.path("pm2_env").path("pm_uptime").asLong());
        assertEquals(12, first.path("pm2_env").path("restart_time").asInt());
        assertEquals(123456789, first.path("monit").path("memory").asLong());
        assertEquals(0, list.get(1).path("pid").asLong(), "PM2 says 0 without a process");
        assertEquals("errored", list.get(1).path("pm2_env").path("status").asText());
    }

    private static List<Integer> ids(List<WorkerView> rows) {
        return rows.stream().map(WorkerView::id).toList();
    }
}
