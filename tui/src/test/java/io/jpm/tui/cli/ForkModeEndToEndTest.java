package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The CLI against a real daemon and real processes, each test in its own JPM_HOME. */
class ForkModeEndToEndTest extends DaemonTest {

    @Test
    void pingStartsADetachedDaemonAndKillEndsIt() throws Exception {
        TestDaemon.Result r = d.ok("ping");
        assertTrue(r.out().startsWith("pong"), r.out());
        long pid = d.daemonPid();
        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive());
        // a second ping attaches to the same daemon
        d.ok("ping");
        assertEquals(pid, d.daemonPid());
        String log = Files.readString(d.home.daemonLog());
        assertTrue(log.contains("started: pid " + pid), log);
        assertEquals(
                Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE),
                Files.getPosixFilePermissions(d.home.root()));
        d.ok("kill");
        Await.until("daemon exit", 10_000, () -> !ProcessState.isRunning(pid));
        assertTrue(DaemonInfo.read(d.home).isEmpty());
    }

    @Test
    void stopKillsTheWholeTreeAndRestartBringsItBack() throws Exception {
        Path script = d.write(
                "tree.sh",
                "#!/bin/bash\necho \"up $JPM_INSTANCE $NODE_APP_INSTANCE\"\n" + "sleep 600 &\nsleep 600 &\nwait\n");
        d.ok("start", script.toString(), "-i", "2", "--name", "tree");
        Await.until("two online", 10_000, () -> online(d.list()) == 2);
        Await.until("grandchildren", 10_000, () -> d.workerProcesses().size() == 6);
        JsonNode w = d.list().get(0);
        for (String field :
                List.of("id", "name", "instance", "mode", "pid", "status", "restarts", "uptimeMs", "cpu", "memory")) {
            assertTrue(w.has(field), "list --json lacks " + field);
        }
        assertEquals("fork", w.path("mode").asText());
        d.ok("stop", "tree");
        assertEquals(List.of(), d.workerProcesses(), "no grandchild outlives stop");
        assertEquals("stopped", d.list().get(0).path("status").asText());
        assertTrue(d.list().get(0).path("pid").isNull());
        d.ok("restart", "tree");
        Await.until("online again", 10_000, () -> online(d.list()) == 2);
        Await.until("out log", 10_000, () -> Files.exists(d.home.logs().resolve("tree-out-0.log")));
        Await.until("log line", 10_000, () -> read(d.home.logs().resolve("tree-out-1.log"))
                .contains("up 1 1"));
        String line = read(d.home.logs().resolve("tree-out-0.log"))
                .lines()
                .findFirst()
                .orElseThrow();
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d: up 0 0"), line);
        d.ok("delete", "all");
        assertEquals(0, d.list().size());
        assertEquals(List.of(), d.workerProcesses());
        // with no app left, ids start again from 0, as in PM2
        d.ok("start", "sleep", "--name", "again", "--", "600");
        assertEquals(0, d.list().get(0).path("id").asInt());
        d.ok("delete", "again");
        assertEquals(List.of(), d.workerProcesses());
    }

    @Test
    void aGrandchildThatLeftTheSessionDoesNotOutliveStopRestartOrDelete() throws Exception {
        // the subshell starts a new session for sleep and exits: sleep is in no worker group and under no worker
        Path script = d.write("escape.sh", "#!/bin/bash\n(setsid sleep 600 &)\nexec sleep 601\n");
        d.ok("start", script.toString(), "--name", "esc");
        Await.until("the escaped grandchild", 10_000, () -> d.workerProcesses().size() == 2);
        d.ok("stop", "esc");
        assertEquals(List.of(), d.workerProcesses(), "the setsid grandchild outlived stop");
        d.ok("restart", "esc");
        Await.until("running again", 10_000, () -> d.workerProcesses().size() == 2);
        List<Long> before = d.workerProcesses();
        d.ok("restart", "esc");
        // the escaped grandchild is found by its marker and killed as the restart ends; on a loaded machine it
        // can still be dying when the new worker is up, so give it a moment, not a life
        Await.until("the old worker and its escaped grandchild gone after restart", 10_000, () -> before.stream()
                .noneMatch(ProcessState::isRunning)); // a zombie of init has gone
        Await.until("running again", 10_000, () -> d.workerProcesses().size() == 2);
        d.ok("delete", "esc");
        assertEquals(List.of(), d.workerProcesses(), "the setsid grandchild outlived delete");
    }

    @Test
    void aCrashedWorkerIsRestartedAndAnUnstableOneEndsErrored() throws Exception {
        Path crashing = d.write("crash.sh", "#!/bin/sh\necho boom >&2\nexit 3\n");
        d.ok("start", crashing.toString(), "--name", "crash", "--max-restarts", "3");
        Await.until("errored", 15_000, () -> "errored"
                .equals(d.list().get(0).path("status").asText()));
        JsonNode w = d.list().get(0);
        assertTrue(w.path("reason").asText().contains("code 3"), w.toString());
        assertTrue(w.path("restarts").asInt() >= 2, w.toString());
        String describe = d.ok("describe", "crash").out();
        assertTrue(describe.contains("errored") && describe.contains("code 3"), describe);

        d.ok("start", "sleep", "--name", "sl", "--", "300");
        Await.until("online", 10_000, () -> pidOf(d.list(), "sl") > 0);
        long first = pidOf(d.list(), "sl");
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        Await.until("replaced", 10_000, () -> pidOf(d.list(), "sl") > 0 && pidOf(d.list(), "sl") != first);
        assertEquals(1, row(d.list(), "sl").path("restarts").asInt());
        assertEquals("signal SIGKILL", row(d.list(), "sl").path("lastExit").asText());
    }

    @Test
    void aKilledDaemonsWorkersAreAdoptedNotDuplicated() throws Exception {
        Path talker = d.write(
                "talk.sh", "#!/bin/bash\ni=0\nwhile true; do echo \"tick $i\"; i=$((i+1)); " + "sleep 0.05; done\n");
        d.ok("start", talker.toString(), "--name", "talk", "-i", "2");
        Await.until("online", 10_000, () -> online(d.list()) == 2);
        List<Long> pids = pids(d.list());
        long daemon = d.daemonPid();
        ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
        Await.until("daemon gone", 10_000, () -> !ProcessState.isRunning(daemon));
        Thread.sleep(300); // the workers keep writing while no daemon reads
        JsonNode after = d.list(); // starts a new daemon, which adopts
        assertNotEquals(daemon, d.daemonPid());
        assertEquals(pids, pids(after), "same workers, same pids");
        // a copy of the script whose parent is one too is bash forking for `sleep`, not a second worker
        assertEquals(
                2,
                d.workerProcesses().stream()
                        .filter(p -> isScript(p) && !isScript(parent(p)))
                        .count(),
                "no duplicate");
        Path log = d.home.logs().resolve("talk-out-0.log");
        long before = read(log).lines().count();
        Await.until("logs still captured", 10_000, () -> read(log).lines().count() > before + 5);
        assertTrue(Files.readString(d.home.daemonLog()).contains("adopted talk worker 0"));
    }

    @Test
    void aBadEcosystemFileStartsNothingAndNamesTheProblem() throws Exception {
        Path eco = d.write("ecosystem.json", """
                {"apps": [
                  {"name": "good", "script": "sleep", "args": "300"},
                  {"name": "api", "script": "sleep", "instances": "lots"}
                ]}""");
        TestDaemon.Result r = d.jpm("start", eco.toString());
        assertEquals(1, r.code());
        assertTrue(
                r.err().contains("api")
                        && r.err().contains("instances")
                        && r.err().contains("lots"),
                r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(0, d.list().size(), "nothing started");
        Path broken = d.write("broken.json", "{\"apps\": [ {\"name\": }");
        TestDaemon.Result b = d.jpm("start", broken.toString());
        assertEquals(1, b.code());
        assertTrue(b.err().contains("broken.json:1:"), b.err());
    }

    @Test
    void aPm2EcosystemFileStartsWithItsProfileAndWarnsOfUnsupportedKeys() throws Exception {
        Path app = d.write(
                "app.js",
                "console.log('env ' + process.env.GREETING + ' ' + process.env.NODE_ENV);\n"
                        + "setInterval(() => {}, 1000);\n");
        Path eco = d.write("ecosystem.json", """
                {"apps": [{
                  "name": "web", "script": "./app.js", "instances": 2, "log_type": "json", "uid": "www",
                  "env": {"GREETING": "hello", "NODE_ENV": "development"},
                  "env_production": {"NODE_ENV": "production"}
                }]}""");
        TestDaemon.Result r = d.ok("start", eco.toString(), "--env", "production");
        assertTrue(r.err().contains("\"uid\""), "warning names the key: " + r.err());
        assertFalse(r.err().contains("log_type"), "log_type is read: " + r.err());
        Await.until("online", 10_000, () -> online(d.list()) == 2);
        Await.until("log", 10_000, () -> read(d.home.logs().resolve("web-out-0.log"))
                .contains("env hello production"));
        JsonNode line = io.jpm.ipc.Json.MAPPER.readTree(
                read(d.home.logs().resolve("web-out-0.log")).lines().findFirst().orElseThrow());
        assertEquals("env hello production", line.path("message").asText(), "log_type json: PM2's object per line");
        assertEquals("web", line.path("app_name").asText());
        assertEquals("out", line.path("type").asText());
        JsonNode dump = io.jpm.ipc.Json.MAPPER.readTree(Files.readString(d.home.stateFile()));
        assertEquals("web", dump.path("apps").get(0).path("spec").path("name").asText());
    }

    private static long parent(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(ProcessHandle::parent)
                .map(ProcessHandle::pid)
                .orElse(-1L);
    }

    private static boolean isScript(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                    .contains("talk.sh");
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }

    static int online(JsonNode list) {
        int n = 0;
        for (JsonNode w : list) if ("online".equals(w.path("status").asText())) n++;
        return n;
    }

    static List<Long> pids(JsonNode list) {
        List<Long> p = new ArrayList<>();
        for (JsonNode w : list) p.add(w.path("pid").asLong());
        return p;
    }

    static JsonNode row(JsonNode list, String name) {
        for (JsonNode w : list) if (name.equals(w.path("name").asText())) return w;
        throw new AssertionError("no " + name + " in " + list);
    }

    static long pidOf(JsonNode list, String name) {
        JsonNode pid = row(list, name).path("pid");
        return pid.isNull() ? -1 : pid.asLong();
    }
}
