package io.jpm.engine.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.logs.RecordingDaemonLog;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervision where timing matters, on a {@link FakeScheduler}: the test moves the clock, so restart_delay and
 * kill_timeout are checked to the millisecond without waiting for them. The children are real.
 */
class HandDrivenTimeTest {
    @TempDir
    Path tmp;

    final RecordingDaemonLog log = new RecordingDaemonLog();
    HandDrivenSupervisor driven;
    FakeScheduler actor;
    JpmHome home;
    Supervisor supervisor;

    @BeforeEach
    void start() throws Exception {
        home = JpmHome.at(tmp.resolve("home")).ensureCreated();
        driven = new HandDrivenSupervisor(home, log);
        actor = driven.actor;
        supervisor = driven.supervisor;
    }

    @AfterEach
    void stop() throws Exception {
        driven.close();
    }

    JsonNode call(Request<?> r) throws Exception {
        return driven.call(r);
    }

    JsonNode worker() throws Exception {
        return call(new Request.ListWorkers()).get(0);
    }

    long count(String kind) {
        return driven.count(kind);
    }

    @Test
    void aCrashedWorkerStartsAgainExactlyAfterRestartDelay() throws Exception {
        call(new Request.Start(
                List.of(Json.MAPPER.readTree(
                        "{\"name\":\"c\",\"script\":\"sh\",\"args\":[\"-c\",\"exit 1\"]," + "\"restart_delay\":5000}")),
                Map.of(),
                "/",
                null,
                null,
                null));
        actor.runUntil("the first exit", () -> count("exit") == 1);
        JsonNode w = worker();
        assertEquals("waiting-restart", w.path("status").asText());
        assertEquals(0, w.path("restarts").asInt(), "as PM2, a delayed restart counts when it happens");
        assertEquals(1, count("start"));

        actor.advance(4_999);
        assertEquals("waiting-restart", worker().path("status").asText());
        assertEquals(1, count("start"), "not restarted before restart_delay");

        actor.advance(1);
        assertEquals(2, count("start"), "restarted when restart_delay is over");
        assertTrue(worker().path("restarts").asInt() >= 1, "and counted then");
    }

    @Test
    void aStopEscalatesToSigkillOnlyAfterKillTimeout() throws Exception {
        call(new Request.Start(
                List.of(Json.MAPPER.readTree("{\"name\":\"stubborn\",\"script\":\"sh\",\"args\":[\"-c\","
                        + "\"trap '' INT TERM; echo up; while :; do sleep 0.05; done\"],\"kill_timeout\":3000}")),
                Map.of(),
                "/",
                null,
                null,
                null));
        long pid = worker().path("pid").asLong();
        Thread.sleep(200); // let sh install its trap: a TERM before that would end it at once
        CompletableFuture<Reply> stop = supervisor.handle(new Request.Stop("stubborn"));
        actor.runUntil("the stop begins", () -> count("stopping") == 1);

        actor.advance(2_900);
        assertFalse(stop.isDone(), "still stopping before kill_timeout");
        assertTrue(ProcessState.isRunning(pid), "the kill signal is ignored, and SIGKILL waits for kill_timeout");

        actor.advance(200);
        actor.runUntil("the stop ends", () -> {
            actor.advance(10);
            return stop.isDone();
        });
        assertFalse(ProcessState.isRunning(pid));
        assertEquals("stopped", worker().path("status").asText());
    }
}
