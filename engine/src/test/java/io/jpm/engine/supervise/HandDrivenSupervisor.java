package io.jpm.engine.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.config.DaemonEnvironment;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.logs.RecordingPublisher;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.ProcessState;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.WorkerEvent;
import io.jpm.testing.LeftoverProcesses;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A supervisor on a {@link FakeScheduler}, for tests that drive time by hand: it records the events it publishes,
 * answers commands by running the actor, and on close shuts down and fails if a worker process was left behind.
 */
final class HandDrivenSupervisor implements AutoCloseable {
    final FakeScheduler actor = new FakeScheduler();
    final List<WorkerEvent> events = new CopyOnWriteArrayList<>();
    final JpmHome home;
    final Supervisor supervisor;

    HandDrivenSupervisor(JpmHome home, DaemonLog log) throws IOException {
        this.home = home;
        this.supervisor = new Supervisor(
                home,
                log,
                actor,
                actor::nanoTime,
                actor::currentTimeMillis,
                new RecordingPublisher(m -> {
                    if (m instanceof WorkerEvent e) events.add(e);
                }),
                SupervisorTest.daemon(),
                DaemonEnvironment.NONE);
    }

    /** Carries out {@code r}, running the actor's due tasks until it is answered; fails on an error reply. */
    JsonNode call(Request<?> r) throws Exception {
        CompletableFuture<Reply> f = supervisor.handle(r);
        actor.runUntil(r.toString(), f::isDone);
        Reply reply = f.get();
        if (!reply.ok()) fail(r + " failed: " + reply.error());
        return reply.result();
    }

    /** How many events of this kind were published. */
    long count(String kind) {
        return events.stream().filter(e -> kind.equals(e.kind().wire())).count();
    }

    @Override
    public void close() throws Exception {
        CompletableFuture<Void> down = supervisor.shutdown();
        actor.runUntil("shutdown", () -> {
            actor.advance(100);
            return down.isDone();
        });
        List<Long> left = LeftoverProcesses.kill(LeftoverProcesses.withEnvironment(
                WorkerLauncher.MARKER + "=" + WorkerLauncher.homeTag(home) + ":", ProcessState::isRunning));
        assertEquals(List.of(), left, "worker processes left behind");
    }
}
