package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jpm reload} in fork mode: each new instance starts before its old one stops, one instance at a time. */
class ForkReloadEndToEndTest extends DaemonTest {

    @Test
    void reloadStartsEachNewInstanceBeforeStoppingItsOldOne() throws Exception {
        Path journal = tmp.resolve("journal.txt");
        Path script = d.write(
                "svc.sh",
                "#!/bin/bash\n"
                        + "echo \"start $JPM_INSTANCE $$\" >> '" + journal + "'\n"
                        + "trap 'echo \"stop $JPM_INSTANCE $$\" >> \"" + journal + "\"; exit 0' INT TERM\n"
                        + "while true; do sleep 0.05; done\n");
        d.ok("start", script.toString(), "-i", "2", "--name", "svc", "--min-uptime", "300");
        Await.until("two online", 10_000, () -> ForkModeEndToEndTest.online(d.list()) == 2);
        Await.until("two starts", 10_000, () -> lines(journal).size() == 2);
        List<Long> before = pids(d.list());

        d.ok("reload", "svc");

        List<Long> after = pids(d.list());
        for (Long pid : after) assertNotEquals(-1L, pid);
        for (Long pid : before) assertEquals(false, after.contains(pid), "old process " + pid + " still listed");
        Await.until("journal complete", 10_000, () -> lines(journal).size() == 6);
        List<String> events = lines(journal).subList(2, 6);
        // instance 0: new start, then old stop; only then instance 1: new start, then old stop
        assertEquals(
                List.of("start 0", "stop 0", "start 1", "stop 1"),
                events.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).toList(),
                String.join("\n", events));
        assertEquals("stop 0 " + before.get(0), events.get(1));
        assertEquals("stop 1 " + before.get(1), events.get(3));
        assertEquals("start 0 " + after.get(0), events.get(0));
        assertEquals(2, ForkModeEndToEndTest.online(d.list()));
        // state.json names the new processes, so a daemon killed now adopts them rather than restarting them
        Await.until("state.json has the new pids", 10_000, () -> dumpPids().equals(java.util.Set.copyOf(after)));
        d.ok("delete", "all");
    }

    private static List<Long> pids(JsonNode list) {
        List<Long> pids = new ArrayList<>();
        for (JsonNode w : list)
            pids.add(w.path("pid").isNull() ? -1L : w.path("pid").asLong());
        return pids;
    }

    private java.util.Set<Long> dumpPids() {
        try {
            JsonNode dump = io.jpm.ipc.Json.MAPPER.readTree(Files.readAllBytes(d.home.stateFile()));
            java.util.Set<Long> pids = new java.util.HashSet<>();
            for (JsonNode pid : dump.findValues("pid")) if (!pid.isNull()) pids.add(pid.asLong());
            return pids;
        } catch (java.io.IOException e) {
            return java.util.Set.of();
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p) : List.of();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
