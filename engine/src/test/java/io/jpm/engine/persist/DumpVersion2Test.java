package io.jpm.engine.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.ClusterSettings;
import io.jpm.engine.config.HealthSettings;
import io.jpm.engine.config.LogSettings;
import io.jpm.engine.config.ProbeSpec;
import io.jpm.engine.config.RestartRules;
import io.jpm.engine.config.Run;
import io.jpm.engine.config.SavedSpec;
import io.jpm.engine.config.Settings;
import io.jpm.engine.config.WatchSettings;
import io.jpm.engine.logs.RecordingDaemonLog;
import io.jpm.ipc.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version 2 dump.json, as written by jpm before each setting carried its own saved form (the file in test resources
 * was written by that code from {@link #specs}), reads back into the same apps, and survives a rewrite.
 */
class DumpVersion2Test {

    @TempDir
    Path home;

    private final RecordingDaemonLog log = new RecordingDaemonLog();

    /** Two apps with every setting away from its default, and one with every default. */
    static List<AppSpec> specs() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FOO", "bar");
        env.put("PATH", "/usr/bin:/bin");
        AppSpec busy = new AppSpec(
                "busy",
                new Run(
                        List.of("/usr/bin/node", "--max-old-space-size=64", "/srv/busy/server.js", "8080"),
                        "server.js",
                        Path.of("/srv/busy"),
                        env,
                        3,
                        AppSpec.ExecMode.CLUSTER,
                        "NODE_ID",
                        null,
                        null),
                new RestartRules(
                        false, 7, 2500, 300, 150, Set.of(0, 3), 200L << 20, 4000, "SIGTERM", 1500, "0 3 * * *"),
                new LogSettings(
                        Path.of("/var/log/busy/out.log"),
                        Path.of("/dev/null"),
                        null,
                        null,
                        "yyyy-MM-dd HH:mm",
                        false,
                        false,
                        true,
                        new AppSpec.LogRotation(1 << 20, 3, true)),
                new ClusterSettings(
                        8080,
                        "127.0.0.1",
                        AppSpec.Balance.LEAST_CONNECTIONS,
                        true,
                        "listening",
                        9000,
                        700,
                        ClusterSettings.ListenMode.PROXY,
                        null),
                new WatchSettings(List.of("/srv/busy/src", "/srv/busy/lib"), List.of("*.log"), 250, true, 500, false),
                HealthSettings.NONE);
        busy = busy.with(Settings.METRICS_TREE, true);
        AppSpec plain = AppSpec.of(
                "plain",
                new Run(
                        List.of("/usr/bin/sleep", "600"),
                        "sleep",
                        Path.of("/tmp"),
                        Map.of(),
                        1,
                        AppSpec.ExecMode.FORK,
                        null,
                        null,
                        null));
        return List.of(busy, plain);
    }

    private Path version2File() throws IOException {
        Path file = home.resolve("dump.json");
        try (InputStream in = getClass().getResourceAsStream("/dump/v2-dump.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void readsTheVersion2FileOfMain() throws IOException {
        DumpStore.Snapshot s;
        try (DumpStore store = new DumpStore(version2File(), log)) {
            s = store.read().orElseThrow();
        }
        assertEquals(List.of(), log.lines());
        assertEquals(5, s.nextId());
        assertEquals(specs(), s.apps().stream().map(DumpStore.SavedApp::spec).toList());
    }

    @Test
    void aRewriteReadsBackTheSameApps() throws IOException {
        Path file = version2File();
        try (DumpStore store = new DumpStore(file, log)) {
            DumpStore.Snapshot before = store.read().orElseThrow();
            store.saveNow(before);
            assertEquals(before.apps(), store.read().orElseThrow().apps());
        }
        assertEquals(List.of(), log.lines());
    }

    /**
     * The settings that sockets, node's channel, probes and namespaces added, as the saved record of the integration
     * branch wrote them (Jackson's form of its components: probes and dependencies as objects, enums by name).
     */
    @Test
    void readsTheSettingsTheIntegrationBranchSaved() throws IOException {
        String saved = """
                {"name": "web", "command": ["/usr/bin/node", "/srv/web/server.js"], "script": "server.js",
                 "cwd": "/srv/web", "env": {}, "instances": 2, "mode": "CLUSTER", "port": 8080,
                 "listenMode": "SOCKET", "listenPath": null, "shutdownWithMessage": true,
                 "livenessProbe": {"kind": "HTTP_GET", "path": "/live", "port": 0, "scheme": "http", "host": null,
                   "command": [], "initialDelayMs": 0, "periodMs": 2000, "timeoutMs": 1000, "successThreshold": 1,
                   "failureThreshold": 3},
                 "readinessProbe": null,
                 "dependsOn": [{"app": "db", "condition": "READY"}],
                 "namespace": "shop", "incrementVar": "PORT"}
                """;
        AppSpec spec = SavedSpec.read(Json.MAPPER.readTree(saved));
        assertEquals(ClusterSettings.ListenMode.SOCKET, spec.cluster().listenMode());
        assertEquals(true, spec.get(Settings.SHUTDOWN_WITH_MESSAGE));
        assertEquals(
                new ProbeSpec(ProbeSpec.Kind.HTTP_GET, "/live", 0, "http", null, List.of(), 0, 2000, 1000, 1, 3),
                spec.health().liveness());
        assertEquals(null, spec.health().readiness());
        assertEquals(
                List.of(new HealthSettings.Dependency("db", HealthSettings.Condition.READY)),
                spec.health().dependsOn());
        assertEquals("shop", spec.run().namespace());
        assertEquals("PORT", spec.run().incrementVar());
        for (String field : List.of("livenessProbe", "dependsOn", "listenMode", "namespace")) { // written back as read
            assertEquals(
                    Json.MAPPER.readTree(saved).get(field).toString(),
                    SavedSpec.write(spec).get(field).toString(),
                    field);
        }
    }
}
