package io.jpm.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.DaemonUnreachableException;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.LocalControlClient;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonRecoveryTest {
    @TempDir
    Path tmp;

    @Test
    void noCommandIsAnsweredBeforeTheSavedAppsAreBack() throws Exception {
        // the fault campaign's kills found a `jpm list` answered with no app at all: the new daemon listened before
        // it had recovered state.json; a `delete all` there would have deleted nothing and been acknowledged
        JpmHome home = JpmHome.at(tmp.resolve("h")).ensureCreated();
        DaemonLogWriter log = new DaemonLogWriter(new PrintStream(new ByteArrayOutputStream(), true));
        LocalControlClient client = new LocalControlClient(home.controlSocket());
        Daemon first = Daemon.start(home, log, System::nanoTime, System::currentTimeMillis);
        Reply started = client.call(new Request.Start(
                        List.of(Json.MAPPER.readTree("{\"name\":\"kept\",\"script\":\"sleep\",\"args\":[\"600\"]}")),
                        Map.of(),
                        tmp.toString(),
                        null,
                        null,
                        null))
                .orElseThrow();
        assertTrue(started.ok(), String.valueOf(started.error()));
        first.leaveApps("test").get();
        assertTrue(Files.exists(home.root().resolve("state.json")));

        // a client asks for the list over and over while the next daemon starts; the first answer must hold the app
        AtomicReference<Reply> firstAnswer = new AtomicReference<>();
        Thread asking = new Thread(() -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (firstAnswer.get() == null && System.nanoTime() < deadline) {
                try {
                    Optional<Reply> r = client.call(new Request.ListWorkers());
                    if (r.isPresent()) firstAnswer.set(r.get());
                } catch (DaemonUnreachableException e) {
                    // not yet
                }
            }
        });
        asking.start();
        Daemon second = Daemon.start(home, log, System::nanoTime, System::currentTimeMillis);
        try {
            asking.join(60_000);
            assertTrue(firstAnswer.get() != null && firstAnswer.get().ok(), "no answer: " + firstAnswer.get());
            String workers = firstAnswer.get().result().toString();
            assertTrue(workers.contains("\"name\":\"kept\""), "the first list: " + workers);
        } finally {
            second.shutdown("test").get();
        }
    }
}
