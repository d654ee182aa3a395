package io.jpm.engine.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.RecordingDaemonLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dump.json written by jpm before the saved form had its own record is still read whole, and survives a rewrite. */
class DumpUpgradeTest {

    @TempDir
    Path home;

    private final RecordingDaemonLog log = new RecordingDaemonLog();

    private Path version1File() throws IOException {
        Path file = home.resolve("dump.json");
        try (InputStream in = getClass().getResourceAsStream("/dump/v1-dump.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void readsTheVersion1FileOfTheLastRelease() throws IOException {
        DumpStore.Snapshot s;
        try (DumpStore store = new DumpStore(version1File(), log)) {
            s = store.read().orElseThrow();
        }
        assertEquals(List.of(), log.lines());
        assertEquals(3, s.nextId());
        assertEquals(2, s.apps().size());

        AppSpec worker = s.apps().get(0).spec();
        assertEquals("worker", worker.name());
        assertEquals(List.of("/usr/bin/sleep", "600"), worker.run().command());
        assertEquals(Path.of("/srv/demo/app"), worker.run().cwd(), "a v1 file: URI becomes a path");
        assertEquals("bar", worker.run().env().get("FOO"));
        assertEquals(AppSpec.ExecMode.FORK, worker.run().mode());
        assertEquals(200L << 20, worker.restart().maxMemoryRestartBytes());
        assertEquals("yyyy-MM-dd HH:mm", worker.logs().dateFormat());
        assertEquals(1, s.apps().get(0).workers().size());

        AppSpec web = s.apps().get(1).spec();
        assertEquals(AppSpec.ExecMode.CLUSTER, web.run().mode());
        assertEquals(2, web.run().instances());
        assertEquals(39871, web.cluster().port());
        assertEquals(AppSpec.Balance.LEAST_CONNECTIONS, web.cluster().balance());
        assertEquals(3000, web.restart().killTimeoutMs());
        assertEquals(Set.of(), web.restart().stopExitCodes());
        assertNull(web.logs().outFile());
        DumpStore.SavedWorker w = s.apps().get(1).workers().get(1);
        assertEquals(2, w.id());
        assertEquals(1, w.instance());
        assertEquals(15106L, w.pid());
        assertEquals(64399, w.port());
    }

    @Test
    void aRewriteKeepsEveryAppAndSaysVersion2() throws IOException {
        Path file = version1File();
        try (DumpStore store = new DumpStore(file, log)) {
            DumpStore.Snapshot before = store.read().orElseThrow();
            store.saveNow(before);
            assertTrue(Files.readString(file).contains("\"version\" : 2"));
            assertTrue(Files.readString(file).contains("\"cwd\" : \"/srv/demo/app\""));
            DumpStore.Snapshot after = store.read().orElseThrow();
            assertEquals(before.apps(), after.apps());
            assertEquals(before.nextId(), after.nextId());
        }
        assertEquals(List.of(), log.lines());
    }

    @Test
    void anUnusableAppIsLeftOutAndLoggedNotTheWholeFile() throws IOException {
        Path file = home.resolve("dump.json");
        Files.writeString(file, """
                {"version": 2, "nextId": 5, "apps": [
                  {"spec": {"name": "broken", "command": [], "cwd": "/"}, "workers": []},
                  {"spec": {"name": "ok", "command": ["/bin/true"], "cwd": "/"}}]}
                """);
        try (DumpStore store = new DumpStore(file, log)) {
            DumpStore.Snapshot s = store.read().orElseThrow();
            assertEquals(
                    List.of("ok"), s.apps().stream().map(a -> a.spec().name()).toList());
            assertEquals(16, s.apps().get(0).spec().restart().maxRestarts(), "a missing field takes its default");
        }
        assertEquals(List.of("dump.json: an app was left out: app broken: no command"), log.warnings());
    }
}
