package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A PM2 ecosystem file as PM2 users write it, through the CLI and a real daemon: {@code instances: 2} for a node
 * script, no {@code exec_mode} and no {@code port} (PM2's implicit cluster), the app listening on its own port.
 */
class NodeClusterEndToEndTest extends DaemonTest {
    @Test
    void implicitClusterWithoutAPortServesFromBothInstances() throws Exception {
        Assumptions.assumeTrue(
                new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is not on the PATH");
        int port = HttpLoad.freePort();
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(
                app.resolve("server.js"),
                "require('http').createServer((q, r) => r.end('pid=' + process.pid + ' worker=' +"
                        + " require('cluster').worker.id)).listen(process.env.PORT);\n");
        Path file = Files.writeString(
                app.resolve("ecosystem.config.json"),
                "{\"apps\": [{\"name\": \"web\", \"script\": \"server.js\", \"instances\": 2,"
                        + " \"env\": {\"PORT\": \"" + port + "\"}}]}");
        TestDaemon.Result started = d.ok("start", file.toString());
        assertFalse((started.out() + started.err()).contains("fork mode"), started.toString());
        Await.until("two instances listening", 20_000, () -> {
            JsonNode all = d.list();
            return all.size() == 2
                    && all.get(0).path("ready").asBoolean()
                    && all.get(1).path("ready").asBoolean();
        });
        Set<String> pids = new HashSet<>();
        for (JsonNode w : d.list()) {
            assertEquals("cluster", w.path("mode").asText());
            pids.add("pid=" + w.path("pid").asLong() + " worker=" + w.path("id").asInt());
        }
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 200 && served.size() < 2; i++)
            served.add(HttpLoad.get(port).trim());
        assertEquals(pids, served, "each instance answers as the cluster worker with its jpm id");
        assertTrue(d.ok("describe", "web", "--json").out().contains("\"shutdown_with_message\""));
    }
}
