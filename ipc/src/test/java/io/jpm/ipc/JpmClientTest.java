package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WorkerStatus;
import io.jpm.ipc.wire.WorkerView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed client over a real CURVE server: each command's result comes back as its record. */
class JpmClientTest {
    @TempDir
    Path tmp;

    static final WorkerView WORKER = WorkerView.builder(0, "api", WorkerStatus.ONLINE)
            .pid(42L)
            .restarts(1)
            .uptimeMs(10)
            .cpu(0.5)
            .memory(2048)
            .build();

    private static CompletableFuture<Reply> handle(Request<?> r) {
        Object result =
                switch (r) {
                    case Request.Ping p -> new Results.Pong("9.9.9", 77);
                    case Request.ListWorkers l -> new Results.Workers(List.of(WORKER));
                    case Request.Stop s -> new Results.Changed(s.target(), List.of(WORKER));
                    // a result written as a plain map by Jackson, as the engine wrote it before the records
                    case Request.Scale s -> Map.of("app", s.app(), "instances", 3);
                    case Request.Hello h -> null;
                    case Request.Describe d -> throw CommandException.unknownApp(d.target());
                    default -> throw new CommandException(ErrorCode.CONFLICT, "not in this test");
                };
        return CompletableFuture.completedFuture(TreeReplies.ok(result));
    }

    @Test
    void eachCommandReturnsItsRecord() throws Exception {
        try (TestServer t = new TestServer(tmp, JpmClientTest::handle);
                JpmClient client = new JpmClient(new ControlClient(t.info, t.clientKeys))) {
            assertEquals(new Results.Pong("9.9.9", 77), client.ping());
            assertEquals(List.of(WORKER), client.list().workers());
            assertEquals(new Results.Changed("api", List.of(WORKER)), client.stop("api"));
            assertEquals(new Results.Scaled("web", 3), client.scale("web", "+1"));
            assertEquals(Results.Done.INSTANCE, client.call(new Request.Hello("hello.x")));
        }
    }

    @Test
    void aDaemonErrorBecomesACommandExceptionWithItsCode() throws Exception {
        try (TestServer t = new TestServer(tmp, JpmClientTest::handle);
                JpmClient client = new JpmClient(new ControlClient(t.info, t.clientKeys))) {
            CommandException e = assertThrows(CommandException.class, () -> client.describe("nope", false));
            assertEquals(ErrorCode.UNKNOWN_APP, e.code());
            assertEquals("no app or worker id matches: nope", e.getMessage());
            assertEquals(
                    ErrorCode.CONFLICT,
                    assertThrows(CommandException.class, client::save).code());
        }
    }

    @Test
    void aReplyIsReadInAnyFieldOrderAndAnUnreadableOneIsRefused() throws Exception {
        byte[] reordered = "{\"result\":{\"pid\":5,\"version\":\"1\"},\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Results.Pong("1", 5), JpmClient.readReply(reordered, Results.Pong::read));
        byte[] error = "{\"ok\":false,\"error\":{\"code\":\"bad_argument\",\"message\":\"no\"}}".getBytes();
        assertEquals(
                ErrorCode.BAD_ARGUMENT,
                assertThrows(CommandException.class, () -> JpmClient.readReply(error, Stats::read))
                        .code());
        assertThrows(java.io.IOException.class, () -> JpmClient.readReply("[]".getBytes(), Stats::read));
    }
}
