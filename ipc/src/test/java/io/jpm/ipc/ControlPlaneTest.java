package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

class ControlPlaneTest {
    @TempDir
    Path tmp;

    JpmHome home;
    ControlServer server;
    DaemonInfo info;
    CurveKeys.Pair clientKeys;
    CompletableFuture<Reply> slow = new CompletableFuture<>();

    @BeforeEach
    void startServer() throws Exception {
        home = JpmHome.at(tmp.resolve("home")).ensureCreated();
        CurveKeys.Pair serverKeys = CurveKeys.serverPair(home);
        clientKeys = CurveKeys.clientPair(home);
        server = ControlServer.start(home, serverKeys, this::handle, msg -> {});
        info = new DaemonInfo(
                "test",
                ProcessHandle.current().pid(),
                server.commandEndpoint(),
                server.eventEndpoint(),
                serverKeys.publicKey(),
                0);
    }

    @AfterEach
    void stopServer() {
        slow.complete(Reply.ok("late"));
        server.close();
    }

    private CompletableFuture<Reply> handle(Request r) {
        return switch (r) {
            case Request.Ping p -> CompletableFuture.completedFuture(Reply.ok(Map.of("pong", true)));
            case Request.Describe d when d.target().equals("nope") -> throw CommandException.unknownApp("nope");
            case Request.Reload reload -> slow;
            case Request.Hello h -> {
                server.publish(h.topic(), Map.of());
                yield CompletableFuture.completedFuture(Reply.ok(null));
            }
            default -> CompletableFuture.completedFuture(Reply.ok(r.getClass().getSimpleName()));
        };
    }

    @Test
    void homeAndKeysArePrivate() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.root())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.keys())));
        for (String f : List.of("server.key", "client.key", "client.pub")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(home.keys().resolve(f))),
                    f);
        }
        assertFalse(Files.readString(home.keys().resolve("client.pub")).contains(clientKeys.secretKey()));
    }

    @Test
    void pingRoundTrip() throws Exception {
        try (ControlClient c = new ControlClient(info, clientKeys)) {
            Reply r = c.call(new Request.Ping());
            assertTrue(r.ok());
            assertTrue(r.result().path("pong").asBoolean());
        }
    }

    @Test
    void eachKindOfBadRequestGetsItsOwnCode() throws Exception {
        try (ControlClient c = new ControlClient(info, clientKeys)) {
            assertEquals(ErrorCode.MALFORMED_JSON, raw(c, "{not json").error().code());
            assertEquals(ErrorCode.MALFORMED_JSON, raw(c, "").error().code());
            assertEquals(
                    ErrorCode.UNKNOWN_COMMAND,
                    raw(c, "{\"cmd\":\"frobnicate\"}").error().code());
            assertEquals(
                    ErrorCode.UNKNOWN_COMMAND,
                    raw(c, "{\"target\":\"x\"}").error().code());
            Reply bad = raw(c, "{\"cmd\":\"scale\",\"app\":\"api\",\"count\":\"lots\"}");
            assertEquals(ErrorCode.BAD_ARGUMENT, bad.error().code());
            assertTrue(bad.error().message().contains("lots"), bad.error().message());
            assertEquals(
                    ErrorCode.BAD_ARGUMENT,
                    raw(c, "{\"cmd\":\"logs\",\"lines\":\"many\"}").error().code());
            assertEquals(
                    ErrorCode.UNKNOWN_APP,
                    c.call(new Request.Describe("nope", false)).error().code());
        }
    }

    @Test
    void slowCommandDoesNotBlockOthers() throws Exception {
        try (ControlClient slowClient = new ControlClient(info, clientKeys);
                ControlClient fast = new ControlClient(info, clientKeys)) {
            Thread t = new Thread(() -> {
                try {
                    slowClient.call(new Request.Reload("api", false, Map.of()), 20_000, 0);
                } catch (DaemonUnreachableException e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            for (int i = 0; i < 20; i++)
                assertTrue(fast.call(new Request.Ping()).ok());
            assertTrue(t.isAlive(), "the slow command is still pending");
            slow.complete(Reply.ok("done"));
            t.join(5_000);
            assertFalse(t.isAlive());
        }
    }

    @Test
    void clientWithoutCurveGetsNoAnswer() {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket req = ctx.createSocket(SocketType.REQ);
            req.setLinger(0);
            req.setReceiveTimeOut(1_500);
            req.connect(info.commandEndpoint());
            req.send("{\"cmd\":\"ping\"}");
            assertNull(req.recv(), "a plain socket must get no reply");
        }
    }

    @Test
    void clientWithUnknownKeysGetsNoAnswer() throws Exception {
        CurveKeys.Pair stranger =
                CurveKeys.serverPair(JpmHome.at(tmp.resolve("other")).ensureCreated());
        try (ControlClient c = new ControlClient(info, stranger)) {
            assertThrows(DaemonUnreachableException.class, () -> c.call(new Request.Ping(), 1_500, 0));
        }
        try (EventSubscriber sub = new EventSubscriber(info, stranger, "")) {
            server.publish("stats", Map.of("secret", 1));
            for (int i = 0; i < 10; i++) {
                server.publish("stats", Map.of("secret", 1));
                assertTrue(sub.next(100).isEmpty());
            }
        }
    }

    @Test
    void thousandsOfRandomFramesLeaveTheServerServing() throws Exception {
        Random random = new Random(42);
        try (ControlClient c = new ControlClient(info, clientKeys)) {
            for (int i = 0; i < 3_000; i++) {
                byte[] junk = new byte[random.nextInt(200)];
                random.nextBytes(junk);
                if (i % 3 == 0) junk = ("{\"cmd\":\"" + i).getBytes(StandardCharsets.UTF_8);
                Reply r = c.callRaw(junk, 5_000, 0);
                assertFalse(r.ok());
            }
            assertTrue(c.call(new Request.Ping()).ok());
        }
        // raw ZeroMQ frames that are not a REQ envelope, and an oversized frame, are dropped
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket dealer = ctx.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setCurveServerKey(ZMQ.Curve.z85Decode(info.serverPublicKey()));
            dealer.setCurvePublicKey(clientKeys.publicBytes());
            dealer.setCurveSecretKey(clientKeys.secretBytes());
            dealer.connect(info.commandEndpoint());
            dealer.send("no envelope");
            dealer.send(new byte[ControlServer.MAX_REQUEST_BYTES + 10]);
        }
        try (ControlClient c = new ControlClient(info, clientKeys)) {
            assertTrue(c.call(new Request.Ping()).ok());
        }
    }

    @Test
    void subscriberGetsEventsByPrefixAfterHello() throws Exception {
        try (ControlClient c = new ControlClient(info, clientKeys);
                EventSubscriber sub = new EventSubscriber(info, clientKeys, "event.api")) {
            assertTrue(sub.awaitSubscribed(c, 5_000));
            server.publish("event.web", Map.of("n", 0));
            server.publish("event.api", Map.of("n", 1));
            Optional<Event> e = sub.next(2_000);
            assertTrue(e.isPresent());
            assertEquals("event.api", e.get().topic());
            assertEquals(1, e.get().payload().path("n").asInt());
        }
    }

    @Test
    void requestsRoundTripThroughTheirWireNames() throws Exception {
        var app = JsonNodeFactory.instance.objectNode().put("script", "a.js");
        try (ControlClient c = new ControlClient(info, clientKeys)) {
            Reply r = c.call(new Request.Start(List.of(app), Map.of("A", "1"), "/tmp", null, null, null));
            assertEquals("Start", r.result().asText());
        }
        assertThrows(IllegalArgumentException.class, () -> new Request.Scale("api", "x2"));
        assertThrows(IllegalArgumentException.class, () -> new Request.Stop(" "));
    }

    private static Reply raw(ControlClient c, String s) throws DaemonUnreachableException {
        return c.callRaw(s.getBytes(StandardCharsets.UTF_8), 5_000, 0);
    }
}
