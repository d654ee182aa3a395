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
import java.util.concurrent.TimeUnit;
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

    TestServer t;
    CompletableFuture<Reply> slow = new CompletableFuture<>();

    @BeforeEach
    void startServer() throws Exception {
        t = new TestServer(tmp, this::handle);
    }

    @AfterEach
    void stopServer() {
        slow.complete(TreeReplies.ok("late"));
        t.close();
    }

    private CompletableFuture<Reply> handle(Request r) {
        return switch (r) {
            case Request.Ping p -> CompletableFuture.completedFuture(TreeReplies.ok(Map.of("pong", true)));
            case Request.Describe d when d.target().equals("nope") -> throw CommandException.unknownApp("nope");
            case Request.Reload reload -> slow;
            case Request.Hello h -> {
                t.server.publishRaw(h.topic(), "{}".getBytes(StandardCharsets.UTF_8));
                yield CompletableFuture.completedFuture(Reply.ok(null));
            }
            default ->
                CompletableFuture.completedFuture(TreeReplies.ok(r.getClass().getSimpleName()));
        };
    }

    @Test
    void homeAndKeysArePrivate() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(t.home.root())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(t.home.keys())));
        for (String f : List.of("server.key", "client.key", "client.pub")) {
            assertEquals(
                    "rw-------",
                    PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(t.home.keys().resolve(f))),
                    f);
        }
        assertFalse(Files.readString(t.home.keys().resolve("client.pub")).contains(t.clientKeys.secretKey()));
    }

    @Test
    void pingRoundTrip() throws Exception {
        try (ControlClient c = new ControlClient(t.info, t.clientKeys)) {
            Reply r = c.call(new Request.Ping());
            assertTrue(r.ok());
            assertTrue(r.result().path("pong").asBoolean());
        }
    }

    @Test
    void eachKindOfBadRequestGetsItsOwnCode() throws Exception {
        try (ControlClient c = new ControlClient(t.info, t.clientKeys)) {
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
        try (ControlClient slowClient = new ControlClient(t.info, t.clientKeys);
                ControlClient fast = new ControlClient(t.info, t.clientKeys)) {
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
            slow.complete(TreeReplies.ok("done"));
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
            req.connect(t.info.commandEndpoint());
            req.send("{\"cmd\":\"ping\"}");
            assertNull(req.recv(), "a plain socket must get no reply");
        }
    }

    @Test
    void clientWithUnknownKeysGetsNoAnswer() throws Exception {
        CurveKeys.Pair stranger =
                CurveKeys.serverPair(JpmHome.at(tmp.resolve("other")).ensureCreated());
        try (ControlClient c = new ControlClient(t.info, stranger)) {
            assertThrows(DaemonUnreachableException.class, () -> c.call(new Request.Ping(), 1_500, 0));
        }
        try (EventSubscriber sub = new EventSubscriber(t.info, stranger, "")) {
            t.server.publishRaw("stats", "{\"secret\":1}".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 10; i++) {
                t.server.publishRaw("stats", "{\"secret\":1}".getBytes(StandardCharsets.UTF_8));
                assertTrue(sub.next(100).isEmpty());
            }
        }
    }

    @Test
    void thousandsOfRandomFramesLeaveTheServerServing() throws Exception {
        Random random = new Random(42);
        try (ControlClient c = new ControlClient(t.info, t.clientKeys)) {
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
            dealer.setCurveServerKey(ZMQ.Curve.z85Decode(t.info.serverPublicKey()));
            dealer.setCurvePublicKey(t.clientKeys.publicBytes());
            dealer.setCurveSecretKey(t.clientKeys.secretBytes());
            dealer.connect(t.info.commandEndpoint());
            dealer.send("no envelope");
            dealer.send(new byte[ControlServer.MAX_REQUEST_BYTES + 10]);
        }
        try (ControlClient c = new ControlClient(t.info, t.clientKeys)) {
            assertTrue(c.call(new Request.Ping()).ok());
        }
    }

    @Test
    void aLongSubscriptionFromAnAuthorisedClientLeavesThePublisherServing() throws Exception {
        // a 60 KiB subscription is a 60 000-level trie in the PUB socket; removing it when the subscriber leaves
        // recursed once per byte and overflowed jpm-publisher's stack, which then published nothing more
        Thread longSubscriber = new Thread(
                null,
                () -> {
                    try (ZContext ctx = new ZContext()) {
                        ZMQ.Socket xsub = ctx.createSocket(SocketType.XSUB);
                        xsub.setLinger(0);
                        xsub.setCurveServerKey(ZMQ.Curve.z85Decode(t.info.serverPublicKey()));
                        xsub.setCurvePublicKey(t.clientKeys.publicBytes());
                        xsub.setCurveSecretKey(t.clientKeys.secretBytes());
                        xsub.connect(t.info.eventEndpoint());
                        byte[] subscription = new byte[60 * 1024];
                        java.util.Arrays.fill(subscription, (byte) 'x');
                        subscription[0] = 1;
                        xsub.send(subscription, 0);
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "long-subscriber",
                1L << 28);
        longSubscriber.start();
        longSubscriber.join();
        for (int i = 0; i < 5; i++) {
            t.server.publishRaw(
                    "event.x",
                    ("{\"n\":" + i + "}")
                            .getBytes(
                                    StandardCharsets.UTF_8)); // makes the publisher process the subscriber's departure
            Thread.sleep(100);
        }
        subscriberGetsEventsByPrefixAfterHello();
    }

    @Test
    void theLongestAdmittedSubscriptionLeavesThePublisherServingWithTheDaemonsSmallStacks() throws Exception {
        // the daemon runs with -Xss256k: a 1 KiB subscription's trie, removed recursively when its subscriber left,
        // overflowed jpm-publisher's stack and JeroMQ's reaper's; the daemon then published nothing more and jpm kill
        // hung in the context's termination, waiting for the dead reaper
        Process probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xss256k",
                        // interpreted, as a path run once in the daemon is: deterministic, and the deepest frames
                        "-XX:CompileCommand=quiet",
                        "-XX:CompileCommand=exclude,zmq.socket.pubsub.Mtrie::rmHelper",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LongSubscriptionProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("probe.out").toFile())
                .start();
        boolean ended = probe.waitFor(90, TimeUnit.SECONDS);
        if (!ended) probe.destroyForcibly().waitFor();
        String out = Files.readString(tmp.resolve("probe.out"));
        out = out.substring(0, Math.min(out.length(), 2_000));
        assertTrue(ended, "the probe did not end: " + out);
        assertEquals(0, probe.exitValue(), out);
    }

    @Test
    void subscriberGetsEventsByPrefixAfterHello() throws Exception {
        try (ControlClient c = new ControlClient(t.info, t.clientKeys);
                EventSubscriber sub = new EventSubscriber(t.info, t.clientKeys, "event.api")) {
            assertTrue(sub.awaitSubscribed(c, 5_000));
            t.server.publishRaw("event.web", "{\"n\":0}".getBytes(StandardCharsets.UTF_8));
            t.server.publishRaw("event.api", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
            Optional<Event> e = sub.next(2_000);
            assertTrue(e.isPresent());
            assertEquals("event.api", e.get().topic());
            assertEquals(1, e.get().payload().path("n").asInt());
        }
    }

    @Test
    void requestsRoundTripThroughTheirWireNames() throws Exception {
        var app = JsonNodeFactory.instance.objectNode().put("script", "a.js");
        try (ControlClient c = new ControlClient(t.info, t.clientKeys)) {
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
