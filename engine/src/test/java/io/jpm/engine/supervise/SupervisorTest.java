package io.jpm.engine.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.config.DaemonEnvironment;
import io.jpm.engine.logs.RecordingDaemonLog;
import io.jpm.engine.logs.RecordingPublisher;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.ConsoleStats;
import io.jpm.ipc.wire.EventKind;
import io.jpm.ipc.wire.LogBatch;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WorkerEvent;
import io.jpm.testing.Await;
import io.jpm.testing.LeftoverProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervision inside the engine, without a daemon process or sockets: a real {@link Supervisor} on a real actor,
 * driving real {@code sleep} and {@code sh -c} children in a temporary JPM_HOME. Each test stops what it started and
 * fails if a worker process of its home is left behind.
 */
class SupervisorTest {
    @TempDir
    Path tmp;

    final RecordingDaemonLog log = new RecordingDaemonLog();
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<Supervisor> started = new ArrayList<>();
    final List<ActorExecutor> actors = new ArrayList<>();

    JpmHome home() throws Exception {
        return JpmHome.at(tmp.resolve("home")).ensureCreated();
    }

    Supervisor supervisor() throws Exception {
        return supervisor(log);
    }

    Supervisor supervisor(RecordingDaemonLog log) throws Exception {
        ActorExecutor actor = new ActorExecutor("test-supervisor", log);
        actors.add(actor);
        Supervisor s = new Supervisor(
                home(),
                log,
                actor,
                System::nanoTime,
                System::currentTimeMillis,
                new RecordingPublisher(events::add),
                daemon(),
                DaemonEnvironment.NONE);
        started.add(s);
        return s;
    }

    static Supervisor.DaemonCommands daemon() {
        return new Supervisor.DaemonCommands() {
            @Override
            public Reply ping() {
                return new Reply(true, Json.MAPPER.valueToTree(Map.of("pong", true)), null);
            }

            @Override
            public Reply hello(String topic) {
                return Reply.ok(null);
            }

            @Override
            public Reply kill() {
                return Reply.ok(null);
            }

            @Override
            public void reopenOwnLog() {}
        };
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Supervisor s : started) s.shutdown().get(30, TimeUnit.SECONDS);
        for (ActorExecutor a : actors) a.shutdownNow();
        List<Long> left = LeftoverProcesses.kill(workerProcesses());
        assertEquals(List.of(), left, "worker processes left behind");
        assertEquals(List.of(), failures(), "actor task failures");
    }

    List<String> failures() {
        return log.warnings().stream().filter(w -> w.contains(" failed: ")).toList();
    }

    static JsonNode call(Supervisor s, Request r) throws Exception {
        Reply reply = s.handle(r).get(30, TimeUnit.SECONDS);
        if (!reply.ok()) fail(r + " failed: " + reply.error());
        return reply.result();
    }

    static Request.Start start(String json) throws Exception {
        return new Request.Start(List.of(Json.MAPPER.readTree(json)), Map.of(), "/", null, null, null);
    }

    static JsonNode workers(Supervisor s) throws Exception {
        return call(s, new Request.ListWorkers());
    }

    static JsonNode worker(Supervisor s, int i) throws Exception {
        return workers(s).get(i);
    }

    /** Waits until a test worker has written a pid to {@code file} (the shell's echo may be seen half-written). */
    static long pidWrittenTo(Path file, String what) throws IOException {
        Await.until(what, () -> Files.exists(file) && check(() -> Files.size(file) > 1));
        return Long.parseLong(Files.readString(file).trim());
    }

    static boolean check(ThrowingCheck c) {
        try {
            return c.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface ThrowingCheck {
        boolean get() throws Exception;
    }

    List<Long> workerProcesses() throws Exception {
        return LeftoverProcesses.withEnvironment(
                WorkerLauncher.MARKER + "=" + WorkerLauncher.homeTag(home()) + ":", ProcessState::isRunning);
    }

    @Test
    void everyPublishedMessageIsAWireRecordThatReadsBack() throws Exception {
        Supervisor s = supervisor();
        call(s, start("{\"name\":\"w\",\"script\":\"sh\",\"args\":[\"-c\",\"echo hi; exec sleep 30\"]}"));
        Await.until(
                "a log batch and a stats message",
                () -> events.stream().anyMatch(e -> e instanceof byte[])
                        && events.stream().anyMatch(e -> e instanceof Stats));
        call(s, new Request.Stop("w"));
        List<EventKind> kinds = new ArrayList<>();
        for (Object m : events) {
            switch (m) {
                case WorkerEvent e -> {
                    assertEquals(e, Wire.read(Wire.bytes(e), WorkerEvent::read));
                    kinds.add(e.kind());
                }
                case Stats st ->
                    assertEquals(
                            st.workers(), Wire.read(Wire.bytes(st), Stats::read).workers());
                case ConsoleStats st -> assertEquals(st, Wire.read(Wire.bytes(st), ConsoleStats::read));
                case byte[] batch ->
                    assertEquals("w", Wire.read(batch, LogBatch::read).app());
                default -> fail("published a " + m.getClass().getName() + ", not a wire record: " + m);
            }
        }
        assertTrue(
                kinds.containsAll(List.of(EventKind.START, EventKind.ONLINE, EventKind.STOPPING, EventKind.STOP)),
                kinds.toString());
    }

    @Test
    void restartReplacesTheProcessAndCountsOneRestart() throws Exception {
        Supervisor s = supervisor();
        call(s, start("{\"name\":\"web\",\"script\":\"sleep\",\"args\":[\"30\"]}"));
        JsonNode w = worker(s, 0);
        assertEquals("online", w.path("status").asText());
        long first = w.path("pid").asLong();
        assertTrue(ProcessState.isRunning(first));

        JsonNode after = call(s, new Request.Restart("web", false, Map.of()))
                .path("workers")
                .get(0);
        assertEquals("online", after.path("status").asText());
        assertEquals(1, after.path("restarts").asInt());
        assertNotEquals(first, after.path("pid").asLong());
        assertFalse(ProcessState.isRunning(first), "the old process is gone when restart answers");
    }

    @Test
    void aWorkerThatKeepsCrashingEndsErrored() throws Exception {
        Supervisor s = supervisor();
        call(
                s,
                start("{\"name\":\"crash\",\"script\":\"sh\",\"args\":[\"-c\",\"exit 3\"],"
                        + "\"min_uptime\":5000,\"max_restarts\":3,\"restart_delay\":0}"));
        Await.until(
                "errored",
                () -> check(() -> worker(s, 0).path("status").asText().equals("errored")));
        JsonNode w = worker(s, 0);
        assertEquals(2, w.path("restarts").asInt(), "restarted after the first two of three unstable exits");
        assertTrue(w.path("reason").asText().contains("too many unstable restarts"), w.toString());
        assertEquals("code 3", w.path("lastExit").asText());
        assertTrue(
                log.lines().stream().anyMatch(l -> l.contains("crash worker 0 errored")),
                log.lines().toString());
    }

    @Test
    void stopEndsTheWholeTree() throws Exception {
        Supervisor s = supervisor();
        Path marker = tmp.resolve("child.pid");
        call(
                s,
                start("{\"name\":\"tree\",\"script\":\"sh\",\"args\":[\"-c\",\"sleep 30 & echo $! > " + marker
                        + "; wait\"]}"));
        long child = pidWrittenTo(marker, "the child's pid");
        assertTrue(ProcessState.isRunning(child));

        JsonNode w = call(s, new Request.Stop("tree")).path("workers").get(0);
        assertEquals("stopped", w.path("status").asText());
        assertTrue(w.path("pid").isNull());
        assertFalse(ProcessState.isRunning(child), "the grandchild went down with the stop");
    }

    @Test
    void aStopIsAnsweredOnlyOnceTheSetsidGrandchildThatLeftTheTreeIsGone() throws Exception {
        Supervisor s = supervisor();
        Path marker = tmp.resolve("escaped.pid");
        // the grandchild leaves the worker's group and session, and its parent exits: only the marker finds it
        call(
                s,
                start("{\"name\":\"esc\",\"script\":\"sh\",\"args\":[\"-c\",\"setsid sh -c 'echo $$ > " + marker
                        + "; exec sleep 30' & exec sleep 30\"]}"));
        long escaped = pidWrittenTo(marker, "the escaped pid");
        assertTrue(ProcessState.isRunning(escaped));
        for (int round = 0; round < 5; round++) {
            call(s, new Request.Stop("esc"));
            assertFalse(ProcessState.isRunning(escaped), "round " + round + ": the escaped process outlived stop");
            Files.delete(marker);
            call(s, new Request.Restart("esc", false, Map.of()));
            escaped = pidWrittenTo(marker, "the next escaped pid");
        }
    }

    @Test
    void reloadStartsTheNewProcessBeforeTheOldOneStops() throws Exception {
        Supervisor s = supervisor();
        call(s, start("{\"name\":\"r\",\"script\":\"sleep\",\"args\":[\"30\"],\"min_uptime\":100}"));
        long first = worker(s, 0).path("pid").asLong();
        int before = events.size();
        JsonNode w = call(s, new Request.Reload("r", false, Map.of()))
                .path("workers")
                .get(0);
        assertEquals("online", w.path("status").asText());
        assertNotEquals(first, w.path("pid").asLong());
        assertEquals(1, w.path("restarts").asInt());
        Await.until("the old process gone", () -> !ProcessState.isRunning(first));
        List<String> kinds = eventKinds(before);
        assertEquals(
                List.of("reload"), kinds.stream().filter(k -> !k.equals("exit")).toList(), kinds.toString());
    }

    @Test
    void scaleAddsAtFreeInstancesAndRetiresTheHighest() throws Exception {
        Supervisor s = supervisor();
        call(s, start("{\"name\":\"n\",\"script\":\"sleep\",\"args\":[\"30\"],\"instances\":2}"));
        call(s, new Request.Scale("n", "+2"));
        JsonNode all = workers(s);
        assertEquals(4, all.size());
        for (int i = 0; i < 4; i++) assertEquals(i, all.get(i).path("instance").asInt());

        long kept = all.get(0).path("pid").asLong();
        long retired = all.get(3).path("pid").asLong();
        call(s, new Request.Scale("n", "1"));
        all = workers(s);
        assertEquals(1, all.size());
        assertEquals(0, all.get(0).path("instance").asInt());
        assertEquals(kept, all.get(0).path("pid").asLong());
        assertFalse(ProcessState.isRunning(retired));

        call(s, new Request.Delete("n"));
        assertEquals(0, workers(s).size());
    }

    @Test
    void dumpJsonFollowsTheAppsAndANewSupervisorAdoptsTheWorkers() throws Exception {
        Supervisor first = supervisor(new RecordingDaemonLog()); // its sampler outlives its actor below
        call(first, start("{\"name\":\"kept\",\"script\":\"sleep\",\"args\":[\"30\"]}"));
        long pid = worker(first, 0).path("pid").asLong();
        call(first, new Request.Save());
        JsonNode dump = Json.MAPPER.readTree(Files.readString(home().dumpFile()));
        assertEquals("kept", dump.path("apps").get(0).path("spec").path("name").asText(), dump.toString());
        assertEquals(
                pid, dump.path("apps").get(0).path("workers").get(0).path("pid").asLong());

        // the first daemon dies without stopping its workers
        started.remove(first);
        actors.get(0).shutdownNow();

        Supervisor second = supervisor();
        second.recover();
        JsonNode w = worker(second, 0);
        assertEquals(pid, w.path("pid").asLong(), "the same process, adopted");
        assertEquals("online", w.path("status").asText());
        assertTrue(w.path("adopted").asBoolean());

        call(second, new Request.Stop("kept"));
        assertFalse(ProcessState.isRunning(pid));
    }

    @Test
    void aWorkerThatCouldNotBeAdoptedIsSpawnedAfterTheOrphanScanNotKilledByIt() throws Exception {
        Supervisor first = supervisor(new RecordingDaemonLog()); // its sampler outlives its actor below
        call(first, start("{\"name\":\"kept\",\"script\":\"sleep\",\"args\":[\"30\"]}"));
        long gone = worker(first, 0).path("pid").asLong();

        // the daemon dies, and its worker with it: state.json still says online, so the next daemon spawns it anew
        started.remove(first);
        actors.get(0).shutdownNow();
        ProcessHandle.of(gone).ifPresent(ProcessHandle::destroyForcibly);
        Await.until("the old worker gone", () -> !ProcessState.isRunning(gone));

        Supervisor second = supervisor();
        second.recover();
        JsonNode w = worker(second, 0);
        long pid = w.path("pid").asLong();
        assertNotEquals(gone, pid);
        assertTrue(ProcessState.isRunning(pid), "the new worker was stopped as an orphan: " + log.warnings());
        assertTrue(
                log.warnings().stream().noneMatch(l -> l.contains("orphan")),
                log.warnings().toString());
        assertEquals(0, w.path("restarts").asInt());
    }

    @Test
    void aCommandIsAcknowledgedOnlyOnceStateJsonHoldsItsChange() throws Exception {
        Supervisor s = supervisor();
        for (int round = 0; round < 5; round++) {
            call(s, start("{\"name\":\"a" + round + "\",\"script\":\"sleep\",\"args\":[\"30\"]}"));
            // no wait: the reply itself promises that a daemon killed now would find the app
            JsonNode dump = Json.MAPPER.readTree(Files.readString(home().stateFile()));
            assertEquals(round + 1, dump.path("apps").size(), dump.toString());
            assertTrue(
                    dump.path("apps")
                                    .get(round)
                                    .path("workers")
                                    .get(0)
                                    .path("pid")
                                    .asLong()
                            > 0,
                    dump.toString());
        }
        call(s, new Request.Delete("a0"));
        JsonNode dump = Json.MAPPER.readTree(Files.readString(home().stateFile()));
        assertEquals(4, dump.path("apps").size(), dump.toString());
    }

    @Test
    void aCrashIsRestartedByThePolicyAndCounted() throws Exception {
        Supervisor s = supervisor();
        Path flag = tmp.resolve("crashed-once");
        call(
                s,
                start("{\"name\":\"once\",\"script\":\"sh\",\"args\":[\"-c\",\"if [ -e " + flag
                        + " ]; then exec sleep 30; fi; touch " + flag + "; exit 2\"],\"restart_delay\":0}"));
        Await.until(
                "online again after its crash",
                () -> check(() -> Files.exists(flag)
                        && worker(s, 0).path("status").asText().equals("online")
                        && worker(s, 0).path("restarts").asInt() == 1));
        JsonNode w = worker(s, 0);
        assertEquals("code 2", w.path("lastExit").asText());
        assertTrue(ProcessState.isRunning(w.path("pid").asLong()));
        List<String> kinds = eventKinds(0);
        assertTrue(kinds.containsAll(List.of("exit", "restart")), kinds.toString());
    }

    @Test
    void aClusterRestartAndReloadKeepThePublicPortServing() throws Exception {
        Supervisor s = supervisor();
        int port = freePort();
        call(
                s,
                start("{\"name\":\"web\",\"script\":\"sh\",\"args\":[\"-c\","
                        + "\"exec /usr/bin/python3 -m http.server $PORT --bind 127.0.0.1\"],\"cwd\":\"" + tmp
                        + "\",\"instances\":2,\"exec_mode\":\"cluster\",\"port\":" + port + "}"));
        List<Long> started = awaitInRotation(s, List.of());
        assertEquals(200, get(port));

        JsonNode restarted = call(s, new Request.Restart("web", false, Map.of()));
        for (JsonNode w : restarted.path("workers"))
            assertEquals(1, w.path("restarts").asInt(), w.toString());
        for (long pid : started) assertFalse(ProcessState.isRunning(pid), "restart ended " + pid);
        List<Long> afterRestart = awaitInRotation(s, started);
        assertEquals(200, get(port));

        call(s, new Request.Reload("web", false, Map.of()));
        List<Long> afterReload = awaitInRotation(s, afterRestart);
        for (long pid : afterRestart) {
            Await.until("old process " + pid + " drained and stopped", () -> !ProcessState.isRunning(pid));
        }
        assertEquals(200, get(port));
        assertEquals(2, afterReload.size());

        call(s, new Request.Delete("web"));
        assertEquals(0, workers(s).size());
    }

    /** The kinds of the worker events published since the {@code from}th message (not stats or log batches). */
    private List<String> eventKinds(int from) {
        return events.subList(from, events.size()).stream()
                .filter(e -> e instanceof WorkerEvent)
                .map(e -> ((WorkerEvent) e).kind().wire())
                .toList();
    }

    /** Waits until every worker is in the rotation with a process that is none of {@code old}; returns their pids. */
    private static List<Long> awaitInRotation(Supervisor s, List<Long> old) throws Exception {
        Await.until(
                "every worker in rotation with a new process",
                () -> check(() -> {
                    for (JsonNode w : workers(s)) {
                        if (!w.path("ready").asBoolean()
                                || old.contains(w.path("pid").asLong())) return false;
                    }
                    return true;
                }));
        List<Long> pids = new ArrayList<>();
        for (JsonNode w : workers(s)) pids.add(w.path("pid").asLong());
        return pids;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The status of a GET through the public port, the balancer in between. */
    private static int get(int port) throws java.io.IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                java.net.URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }
}
