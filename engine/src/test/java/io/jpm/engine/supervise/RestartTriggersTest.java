package io.jpm.engine.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.logs.RecordingDaemonLog;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} and {@code cron_restart} on a {@link FakeScheduler}: the test moves the clock, so the quiet period
 * and the cron schedule are checked to the millisecond. The children and the inotify watcher are real.
 */
class RestartTriggersTest {
    @TempDir
    Path tmp;

    final RecordingDaemonLog log = new RecordingDaemonLog();
    HandDrivenSupervisor driven;
    FakeScheduler actor;
    JpmHome home;
    Supervisor supervisor;
    Path app;

    @BeforeEach
    void start() throws Exception {
        home = JpmHome.at(tmp.resolve("home")).ensureCreated();
        app = Files.createDirectories(tmp.resolve("app/src"));
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

    /** Runs the actor until {@code condition}, moving the clock 10 ms a step: a stop polls the tree on timers. */
    void runWithClock(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        actor.runUntil(what, () -> {
            if (condition.getAsBoolean()) return true;
            actor.advance(10);
            return condition.getAsBoolean();
        });
    }

    JsonNode callWithClock(Request r) throws Exception {
        CompletableFuture<Reply> f = supervisor.handle(r);
        runWithClock(r.toString(), f::isDone);
        Reply reply = f.get();
        if (!reply.ok()) fail(r + " failed: " + reply.error());
        return reply.result();
    }

    long count(String kind) {
        return driven.count(kind);
    }

    void startApp(String extra) throws Exception {
        call(new Request.Start(
                List.of(Json.MAPPER.readTree("{\"name\":\"w\",\"script\":\"sh\",\"args\":[\"-c\",\"sleep 100\"],"
                        + "\"cwd\":\"" + tmp.resolve("app") + "\"," + extra + "}")),
                Map.of(),
                "/",
                null,
                null,
                null));
    }

    RestartTriggers triggers() {
        return supervisor.triggers();
    }

    void touch(int files) throws Exception {
        for (int i = 0; i < files; i++) Files.writeString(app.resolve("f" + i + ".js"), "x" + System.nanoTime());
        Thread.sleep(300); // inotify delivers to jpm-watch, which queues one task on the fake actor
    }

    @Test
    void aBurstOf200ChangesRestartsOnceWhenTheTreeHasBeenQuietForWatchDelay() throws Exception {
        startApp("\"watch\":true,\"watch_delay\":1000");
        Await.until("the tree is watched", () -> triggers().watchedDirectories() == 2);
        assertTrue(call(new Request.ListWorkers()).get(0).path("watching").asBoolean());

        touch(200);
        actor.runUntil("the change reaches the actor", () -> triggers().pending("w"));
        actor.advance(999);
        assertEquals(1, count("start"), "no restart before the tree has been quiet for watch_delay");
        touch(5); // more changes push the restart back
        actor.advance(1);
        actor.advance(500);
        assertEquals(1, count("start"), "still changing");
        actor.advance(500);
        runWithClock("one restart", () -> count("start") == 2);
        actor.advance(5_000);
        assertEquals(2, count("start"), "the burst restarted once");
        assertFalse(triggers().pending("w"));

        touch(1);
        actor.runUntil("the next change", () -> triggers().pending("w"));
        actor.advance(1_000);
        runWithClock("the next restart", () -> count("start") == 3);
    }

    @Test
    void ignoredChangesRestartNothingAndANewDirectoryIsWatched() throws Exception {
        Files.createDirectories(tmp.resolve("app/node_modules/x"));
        startApp("\"watch\":[\"src\"],\"ignore_watch\":[\"*.log\"]");
        Await.until("src is watched", () -> triggers().watchedDirectories() == 1);
        Files.writeString(app.resolve("out.log"), "x");
        Files.writeString(tmp.resolve("app/node_modules/x/a.js"), "x");
        Files.writeString(tmp.resolve("app/outside.js"), "x");
        Thread.sleep(300);
        actor.advance(1_000);
        assertFalse(triggers().pending("w"));
        assertEquals(1, count("start"));

        Files.createDirectories(app.resolve("deep/er"));
        actor.runUntil("the new directory is a change", () -> triggers().pending("w"));
        Await.until("the new directories are watched", () -> triggers().watchedDirectories() == 3);
        Thread.sleep(300);
        actor.advance(1_000);
        runWithClock("restarted for the new directory", () -> count("start") == 2);
        assertFalse(triggers().pending("w"));
        Files.writeString(app.resolve("deep/er/x.js"), "x");
        actor.runUntil("the change in the new directory", () -> triggers().pending("w"));
    }

    @Test
    void everyStopEndsWatchingAsPm2sAndRestartWithWatchSwitchesIt() throws Exception {
        startApp("\"watch\":true");
        Await.until("the tree is watched", () -> triggers().watchedDirectories() == 2);
        callWithClock(new Request.Stop("w"));
        assertFalse(triggers().watching("w"), "PM2's stopWatch: any stop ends watching");
        Await.until("the kernel's watches are gone", () -> triggers().watchedDirectories() == 0);
        assertFalse(call(new Request.ListWorkers()).get(0).has("watching"));
        callWithClock(new Request.Restart("w", false, Map.of()));
        assertFalse(triggers().watching("w"), "a plain restart does not bring it back");

        callWithClock(new Request.Restart("w", false, Map.of(), true));
        assertTrue(triggers().watching("w"), "restart --watch: on, at the app's cwd");
        Await.until("the cwd is watched again", () -> triggers().watchedDirectories() == 2);
        assertTrue(call(new Request.ListWorkers()).get(0).path("watching").asBoolean());
        callWithClock(new Request.Restart("w", false, Map.of(), true));
        assertFalse(triggers().watching("w"), "restart --watch again: off");
    }

    @Test
    void anAppThatEndedOnItsOwnStaysWatchedAndAChangeStartsItAgain() throws Exception {
        call(new Request.Start(
                List.of(Json.MAPPER.readTree("{\"name\":\"job\",\"script\":\"sh\",\"args\":[\"-c\",\"exit 0\"],"
                        + "\"autorestart\":false,\"watch\":true,\"cwd\":\"" + tmp.resolve("app") + "\"}")),
                Map.of(),
                "/",
                null,
                null,
                null));
        actor.runUntil("the job ended", () -> count("exit") == 1);
        actor.advance(RestartTriggers.STOPPED_GRACE_MS * 2);
        assertTrue(triggers().watching("job"), "as PM2: a change runs it again");
        Await.until("the tree is watched", () -> triggers().watchedDirectories() == 2);
        touch(1);
        actor.runUntil("the change", () -> triggers().pending("job"));
        actor.advance(RestartTriggers.MIN_QUIET_MS);
        runWithClock("started again", () -> count("start") == 2);
    }

    @Test
    void cronRestartFiresOnScheduleAndDescribeShowsTheNextRun() throws Exception {
        startApp("\"cron_restart\":\"*/5 * * * * *\"");
        long now = actor.currentTimeMillis();
        long next = (now / 5000 + 1) * 5000;
        JsonNode d = call(new Request.Describe("w", false)).get(0);
        assertEquals(next, d.path("nextCronRestart").asLong());
        assertEquals("*/5 * * * * *", d.path("config").path("cron_restart").asText());

        actor.advance(next - now - 1);
        assertEquals(1, count("start"));
        actor.advance(1);
        runWithClock("the cron restart", () -> count("start") == 2);
        actor.advance(5_000);
        runWithClock("the next one", () -> count("start") == 3);
        callWithClock(new Request.Delete("w"));
        actor.advance(20_000);
        assertEquals(3, count("start"), "a deleted app's schedule is gone");
    }
}
