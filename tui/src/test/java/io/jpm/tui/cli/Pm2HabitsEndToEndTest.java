package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Json;
import io.jpm.testing.Await;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** PM2's habits through the real CLI and daemon: its verbs, its targets, its exit codes and its save/kill rules. */
class Pm2HabitsEndToEndTest extends DaemonTest {
    private Path nap() throws Exception {
        return d.write("nap.sh", "#!/bin/sh\nexec sleep 300\n");
    }

    private static int online(JsonNode list) {
        int n = 0;
        for (JsonNode w : list) if ("online".equals(w.path("status").asText())) n++;
        return n;
    }

    private static List<String> statuses(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode w : list) out.add(w.path("status").asText());
        return out;
    }

    @Test
    void startOfARunningScriptNeedsForceAndTargetsResolveAsPm2s() throws Exception {
        Path nap = nap();
        d.ok("start", nap.toString(), "--name", "nap", "--env", "API_TOKEN=s3cret");
        TestDaemon.Result again = d.jpm("start", nap.toString(), "--name", "nap");
        assertEquals(1, again.code(), again.err());
        assertTrue(again.err().contains("already launched"), again.err());
        d.ok("start", nap.toString(), "--name", "nap", "-f");
        Await.until("two online", 10_000, () -> online(d.list()) == 2);

        JsonNode jlist = d.ok("jlist").json();
        assertEquals(2, jlist.size(), jlist.toString());
        for (int i = 0; i < 2; i++) {
            JsonNode p = jlist.get(i);
            assertEquals("nap", p.path("name").asText());
            assertEquals(i, p.path("pm_id").asInt());
            assertEquals("online", p.path("pm2_env").path("status").asText());
            assertEquals("fork_mode", p.path("pm2_env").path("exec_mode").asText());
            assertTrue(p.path("pid").asLong() > 0, p.toString());
            assertTrue(p.path("monit").has("memory") && p.path("monit").has("cpu"), p.toString());
        }
        JsonNode pretty = d.ok("prettylist").json();
        assertEquals(jlist.findValuesAsText("pid"), pretty.findValuesAsText("pid"));
        assertEquals(jlist.findValuesAsText("status"), pretty.findValuesAsText("status"));

        List<String> sorted = d.ok("ls", "--sort", "id:desc").out().lines().toList();
        assertTrue(sorted.get(1).startsWith("1 "), String.join("\n", sorted));
        assertEquals(2, d.jpm("ls", "--sort", "colour").code());

        assertTrue(d.ok("env", "0").out().lines().anyMatch("API_TOKEN: s3cret"::equals), "env shows what it is asked");
        assertFalse(d.ok("desc", "0").out().contains("s3cret"), "describe still masks it");
        assertEquals(1, d.jpm("env", "9").code());

        d.ok("stop", "nap.sh"); // a script path names the app that runs it
        assertEquals(List.of("stopped", "stopped"), statuses(d.list()));
        d.ok("start", "nap"); // an app's name restarts it
        Await.until("online again", 10_000, () -> online(d.list()) == 2);

        TestDaemon.Result some = d.jpm("stop", "/^na/", "nope");
        assertEquals(1, some.code());
        assertTrue(some.out().contains("stopped /^na/"), some.out());
        assertTrue(some.err().contains("nope"), some.err());
        assertEquals(List.of("stopped", "stopped"), statuses(d.list()));
        TestDaemon.Result badRegex = d.jpm("stop", "/(/");
        assertEquals(1, badRegex.code());
        assertTrue(badRegex.err().startsWith("jpm: not a regular expression: /(/"), badRegex.err());

        d.ok("delete", "0", "1");
        TestDaemon.Result none = d.jpm("restart", "all");
        assertEquals(1, none.code(), "PM2: no process found, exit 1");
        assertTrue(none.err().contains("no process found"), none.err());
    }

    @Test
    void startOrRestartAndStartOrReloadTakeAnEcosystemFile() throws Exception {
        nap();
        d.write("eco.json", "{\"apps\": [{\"name\": \"eco\", \"script\": \"./nap.sh\"}]}");
        assertTrue(d.ok("startOrRestart", "eco.json").out().contains("started eco"));
        Await.until("online", 10_000, () -> online(d.list()) == 1);
        long first = d.list().get(0).path("pid").asLong();
        assertTrue(d.ok("startOrRestart", "eco.json").out().contains("started eco (restarted)"));
        Await.until(
                "a new process",
                10_000,
                () -> online(d.list()) == 1 && d.list().get(0).path("pid").asLong() != first);
        long second = d.list().get(0).path("pid").asLong();
        assertTrue(d.ok("startOrReload", "eco.json").out().contains("started eco (reloaded)"));
        Await.until(
                "reloaded",
                10_000,
                () -> online(d.list()) == 1 && d.list().get(0).path("pid").asLong() != second);
        assertEquals(2, d.jpm("startOrRestart", "nap.sh").code(), "a script is not an ecosystem file");

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(
                    "{\"apps\": [{\"name\": \"piped\", \"script\": \"./nap.sh\"}]}".getBytes(StandardCharsets.UTF_8)));
            d.ok("start", "-");
        } finally {
            System.setIn(stdin);
        }
        Await.until("piped online", 10_000, () -> online(d.list()) == 2);

        d.write("port.sh", "#!/bin/sh\necho \"port $SHOP_PORT\"\nexec sleep 300\n");
        d.write("shop.json", """
                {"apps": [{"name": "cart", "script": "./port.sh", "namespace": "shop", "instances": 2,
                           "increment_var": "SHOP_PORT", "env": {"SHOP_PORT": 4000}},
                          {"name": "till", "script": "./nap.sh", "namespace": "shop"}]}""");
        d.ok("start", "shop.json");
        Await.until("shop online", 10_000, () -> online(d.list()) == 5);
        Await.until("increment_var: the base plus the instance number", 10_000, () -> {
            StringBuilder all = new StringBuilder();
            try (var files = Files.list(d.home.logs())) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("cart-out"))
                        .toList()) all.append(Files.readString(f));
            } catch (java.io.IOException e) {
                return false;
            }
            return all.toString().contains("port 4000") && all.toString().contains("port 4001");
        });
        JsonNode cart = d.ok("describe", "cart", "--json").json();
        assertEquals("shop", cart.get(0).path("config").path("namespace").asText(), cart.toString());
        d.ok("stop", "shop"); // a namespace names every app in it
        assertEquals(List.of("online", "online", "stopped", "stopped", "stopped"), statuses(d.list()));
    }

    @Test
    void restartOfAnEcosystemFileTakesItsEnvironmentAndWatchSwitchesAsPm2s() throws Exception {
        nap();
        d.write("eco.json", """
                {"apps": [{"name": "eco", "script": "./nap.sh", "env": {"STAGE": "one"},
                           "env_production": {"STAGE": "prod"}}]}""");
        d.ok("start", "eco.json");
        Await.until("online", 10_000, () -> online(d.list()) == 1);
        assertTrue(d.ok("env", "0").out().lines().anyMatch("STAGE: one"::equals));

        d.write(
                "eco.json",
                "{\"apps\": [{\"name\": \"eco\", \"script\": \"./nap.sh\", \"env\": {\"STAGE\": \"two\"}}]}");
        assertTrue(d.ok("restart", "eco.json").out().contains("started eco (restarted)"));
        assertTrue(d.ok("env", "0").out().lines().anyMatch("STAGE: two"::equals), "PM2: the file's env");
        d.write("eco.json", """
                {"apps": [{"name": "eco", "script": "./nap.sh", "env_production": {"STAGE": "prod"}},
                          {"name": "more", "script": "./nap.sh"}]}""");
        assertTrue(d.ok("reload", "eco.json", "--env", "production").out().contains("started more"));
        assertTrue(d.ok("env", "0").out().lines().anyMatch("STAGE: prod"::equals), "env_production");
        Await.until("both online", 10_000, () -> online(d.list()) == 2);
        TestDaemon.Result noFile = d.jpm("restart", "eco", "--env", "production");
        assertEquals(2, noFile.code(), "PM2: --env needs the ecosystem file");
        assertTrue(noFile.err().contains("--env"), noFile.err());

        d.ok("restart", "eco", "--watch");
        assertTrue(d.list().get(0).path("watching").asBoolean(), "restart --watch switches watching on");
        d.ok("restart", "eco", "--watch");
        assertFalse(d.list().get(0).has("watching"), "and off again");
        d.ok("restart", "eco", "--watch");
        d.ok("stop", "eco");
        assertFalse(d.list().get(0).has("watching"), "PM2: every stop ends watching");
        assertFalse(d.ok("jlist").json().get(0).path("pm2_env").path("watch").asBoolean());

        d.ok("restart", "eco");
        Await.until("both online", 10_000, () -> online(d.list()) == 2);
        d.write("eco.json", "{apps: [{name: 'eco', script: './nap.sh'}, // PM2 reads JavaScript\n {name: 'more'},]}");
        d.ok("stop", "eco.json"); // PM2: the apps the file names
        assertEquals(List.of("stopped", "stopped"), statuses(d.list()));
        d.ok("delete", "eco.json");
        assertEquals(0, d.list().size());
    }

    @Test
    void stopExitCodesFlagIsPm2s() throws Exception {
        d.write("exit42.sh", "#!/bin/sh\nsleep 0.2\nexit 42\n");
        d.ok("start", "exit42.sh", "--name", "done", "--stop-exit-codes", "42");
        Await.until("stopped after exit 42", 10_000, () -> List.of("stopped").equals(statuses(d.list())));
        assertEquals(0, d.list().get(0).path("restarts").asInt(), "not restarted");
        assertEquals(
                "[42]",
                d.ok("describe", "done", "--json")
                        .json()
                        .get(0)
                        .path("config")
                        .path("stop_exit_codes")
                        .toString());
        assertEquals(
                1,
                d.jpm("start", "exit42.sh", "--name", "bad", "--stop-exit-codes", "x")
                        .code());
    }

    @Test
    void saveIsASnapshotKillIsAResetAndResurrectRestoresTheSnapshot() throws Exception {
        Path nap = nap();
        d.ok("start", nap.toString(), "--name", "kept");
        d.ok("restart", "kept");
        Await.until("online", 10_000, () -> online(d.list()) == 1);
        assertTrue(d.ok("save").out().contains(d.home.dumpFile().toString()));
        d.ok("start", nap.toString(), "--name", "unsaved");
        assertTrue(Files.exists(d.home.stateFile()), "the live state follows every change");

        long daemon = d.daemonPid();
        d.ok("kill");
        assertTrue(d.workerProcesses().isEmpty());
        assertFalse(Files.exists(d.home.stateFile()), "kill leaves no live state");
        assertEquals(0, d.list().size(), "the next daemon starts empty, as PM2's");
        assertNotEquals(daemon, d.daemonPid());

        assertTrue(d.ok("resurrect").out().contains("kept"));
        Await.until("the saved app back", 10_000, () -> online(d.list()) == 1);
        JsonNode w = d.list().get(0);
        assertEquals("kept", w.path("name").asText());
        assertEquals(0, w.path("restarts").asInt(), "restart counts start at 0");
        d.ok("delete", "all");
        d.ok("resurrect");
        Await.until("resurrect restores the snapshot again", 10_000, () -> online(d.list()) == 1);
    }

    @Test
    void aSecondSaveKeepsTheFirstAsABackupThatResurrectFallsBackTo() throws Exception {
        Path nap = nap();
        d.ok("start", nap.toString(), "--name", "first");
        d.ok("save");
        assertFalse(Files.exists(d.home.dumpBackupFile()), "nothing to back up on the first save");
        d.ok("start", nap.toString(), "--name", "second");
        d.ok("save");
        assertEquals(
                List.of("first"),
                Json.MAPPER.readTree(d.home.dumpBackupFile().toFile()).findValuesAsText("name"),
                "dump.json.bak holds the save before");
        d.ok("kill");
        Files.writeString(d.home.dumpFile(), "{not json"); // a broken dump: resurrect takes the backup, as PM2's
        assertTrue(d.ok("resurrect").out().contains("first"));
        Await.until("the backup's app back", 10_000, () -> online(d.list()) == 1);
        assertEquals("first", d.list().get(0).path("name").asText());
    }

    @Test
    void pidPrintsTheWorkersPidsAndPm2IoSwitchesAreAccepted() throws Exception {
        Path nap = nap();
        d.ok("start", nap.toString(), "--name", "a", "-i", "2", "--no-automation", "--no-pmx", "--no-vizion");
        d.ok("start", nap.toString(), "--name", "b");
        Await.until("three online", 10_000, () -> online(d.list()) == 3);
        List<Long> pids = d.pids();
        assertEquals(
                pids.subList(0, 2).stream().map(String::valueOf).toList(),
                d.ok("pid", "a").out().lines().toList());
        assertEquals(
                pids.stream().map(String::valueOf).toList(),
                d.ok("pid").out().lines().toList());
        d.ok("stop", "b");
        assertEquals(List.of("0"), d.ok("pid", "b").out().lines().toList(), "a stopped worker, as PM2 prints it");
        assertEquals("", d.ok("pid", "nope").out());
    }

    @Test
    void initWritesASampleEcosystemFileThatStarts() throws Exception {
        Assumptions.assumeTrue(
                new ProcessBuilder("node", "--version").start().waitFor() == 0, "node reads .config.js files");
        d.write("app.js", "setInterval(() => {}, 1000);\n");
        assertTrue(d.ok("init").out().contains("ecosystem.config.js"));
        d.ok("start", "ecosystem.config.js");
        Await.until("the sample's app online", 10_000, () -> online(d.list()) == 1);
        assertEquals("app", d.list().get(0).path("name").asText());
        d.ok("ecosystem", "simple"); // PM2's other name; it replaces the file, as PM2's
        String simple = Files.readString(d.dir.resolve("ecosystem.config.js"));
        assertTrue(simple.contains("script: \"./app.js\"") && !simple.contains("env_production"), simple);
    }
}
