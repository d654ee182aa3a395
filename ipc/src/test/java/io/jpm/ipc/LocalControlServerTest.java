package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpm.ipc.wire.Results;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalControlServerTest {
    @TempDir
    Path tmp;

    JpmHome home;
    LocalControlServer server;
    LocalControlClient client;
    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    final CompletableFuture<Reply> slow = new CompletableFuture<>();

    @BeforeEach
    void start() throws IOException {
        home = JpmHome.at(tmp.resolve("home")).ensureCreated();
        server = LocalControlServer.start(home.controlSocket(), this::handle, log::add, System::nanoTime);
        client = new LocalControlClient(home.controlSocket());
    }

    @AfterEach
    void stop() {
        slow.complete(TreeReplies.ok("late"));
        server.close();
    }

    private CompletableFuture<Reply> handle(Request<?> r) {
        return switch (r) {
            case Request.Ping p -> CompletableFuture.completedFuture(TreeReplies.ok(Map.of("pong", true)));
            case Request.Describe d when d.target().equals("nope") -> throw CommandException.unknownApp("nope");
            case Request.Describe d -> CompletableFuture.supplyAsync(() -> TreeReplies.ok(d.target()));
            case Request.Reload reload -> slow;
            case Request.Kill k -> CompletableFuture.completedFuture(Reply.ok(new Results.Killed(4242)));
            default ->
                CompletableFuture.completedFuture(TreeReplies.ok(r.getClass().getSimpleName()));
        };
    }

    private void assertServing() throws Exception {
        Reply r = client.call(new Request.Ping()).orElseThrow();
        assertTrue(r.ok(), r.toString());
        assertTrue(r.result().path("pong").asBoolean());
    }

    private Reply raw(byte[] frame) throws Exception {
        return Reply.fromTree(Json.MAPPER.readTree(client.exchange(frame, 5_000).orElseThrow()));
    }

    @Test
    void socketIsPrivateAndAnswersLikeTheCommandChannel() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.controlSocket())));
        assertServing();
        Reply unknown = client.call(new Request.Describe("nope", false)).orElseThrow();
        assertEquals(ErrorCode.UNKNOWN_APP, unknown.error().code());
        assertEquals(
                "web",
                client.call(new Request.Describe("web", false))
                        .orElseThrow()
                        .result()
                        .asText());
    }

    @Test
    void aJpmClientOverTheLocalTransportReadsRecordsAndErrors() throws Exception {
        try (JpmClient typed = new JpmClient(new LocalTransport(home))) {
            assertEquals(new Results.Killed(4242), typed.kill());
            CommandException unknown = assertThrows(CommandException.class, () -> typed.describe("nope", false));
            assertEquals(ErrorCode.UNKNOWN_APP, unknown.code());
            server.close();
            NoDaemonException none = assertThrows(NoDaemonException.class, typed::kill);
            assertEquals("no daemon listens on " + home.controlSocket(), none.getMessage());
        }
    }

    @Test
    void garbageFramesGetAnErrorAndTheServerKeepsServing() throws Exception {
        Reply garbage = raw("{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.MALFORMED_JSON, garbage.error().code());
        Reply unknown = raw("{\"cmd\":\"frobnicate\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(ErrorCode.UNKNOWN_COMMAND, unknown.error().code());
        Reply empty = raw(new byte[0]);
        assertEquals(ErrorCode.MALFORMED_JSON, empty.error().code());
        assertServing();
    }

    @Test
    void anOversizedFrameGetsAnErrorWithoutBeingRead() throws Exception {
        for (byte[] header : List.of(
                ByteBuffer.allocate(4)
                        .putInt(LocalControlServer.MAX_REQUEST_BYTES + 1)
                        .array(),
                "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(home.controlSocket()))) {
                ch.write(ByteBuffer.wrap(header));
                ch.write(ByteBuffer.wrap(new byte[64 * 1024])); // part of the body the server must not wait for
                ByteBuffer reply = ByteBuffer.allocate(4096);
                while (ch.read(reply) >= 0) {
                    // until the server closes its side
                }
                reply.flip();
                byte[] body = new byte[reply.getInt()];
                reply.get(body);
                Reply r = Reply.fromTree(Json.MAPPER.readTree(body));
                assertEquals(ErrorCode.MALFORMED_JSON, r.error().code());
                assertTrue(r.error().message().contains("at most"), r.error().message());
            }
        }
        assertServing();
    }

    @Test
    void aDeclaredLengthThatNeverComesCostsNoMoreThanWhatCame() throws Exception {
        // each connection declared a 4 MiB request and sent 10 bytes of it: the server allocated the 4 MiB up front,
        // so 150 such connections (the backlog is 256) held 600 MiB of the daemon's heap (-Xmx512m) for 10 s
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        List<SocketChannel> open = new ArrayList<>();
        try {
            for (int i = 0; i < 150; i++) {
                SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(home.controlSocket()));
                open.add(ch);
                byte[] start = "{\"cmd\":\"ping".getBytes(StandardCharsets.US_ASCII);
                ch.write(ByteBuffer.allocate(4 + start.length)
                        .putInt(LocalControlServer.MAX_REQUEST_BYTES)
                        .put(start)
                        .flip());
            }
            assertServing(); // the server has read every header and the bytes after it by the time it answers
            System.gc();
            long held = memory.getHeapMemoryUsage().getUsed() - before;
            assertTrue(held < 64L * 1024 * 1024, "150 connections that sent 15 bytes each hold " + held + " bytes");
        } finally {
            for (SocketChannel ch : open) ch.close();
        }
        assertServing();
    }

    @Test
    void clientsThatVanishCostNothing() throws Exception {
        byte[] ping = "{\"cmd\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        for (int cut : new int[] {0, 2, 4, 9}) {
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(home.controlSocket()))) {
                ch.write(ByteBuffer.wrap(LocalFrame.frame(ping).array(), 0, cut));
            }
        }
        // a client that goes away while its request is with the handler; its reply is dropped when it comes
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(home.controlSocket()))) {
            ch.write(LocalFrame.frame("{\"cmd\":\"reload\",\"target\":\"all\"}".getBytes(StandardCharsets.UTF_8)));
        }
        assertServing();
        slow.complete(TreeReplies.ok("late"));
        assertServing();
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void twoHundredConcurrentClientsAllGetTheirReplies() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(200);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String name = "app-" + i;
                answers.add(pool.submit(() -> client.call(new Request.Describe(name, false))
                        .orElseThrow()
                        .result()
                        .asText()));
            }
            for (int i = 0; i < 200; i++)
                assertEquals("app-" + i, answers.get(i).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStaleSocketFileIsRefusedByClientsAndReplacedByTheNextServer() throws Exception {
        server.close();
        assertFalse(Files.exists(home.controlSocket()));
        assertEquals(Optional.empty(), client.call(new Request.Ping()), "no socket file: nothing listens");
        // what a SIGKILLed daemon leaves: a socket file that nobody listens on
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(home.controlSocket()));
        }
        assertTrue(Files.exists(home.controlSocket()));
        assertEquals(Optional.empty(), client.call(new Request.Ping()), "a stale file: nothing listens");
        server = LocalControlServer.start(home.controlSocket(), this::handle, log::add, System::nanoTime);
        assertServing();
    }

    @Test
    void aClientConnectingWhileTheServerBindsSeesNoDaemonNeverAnError() throws Exception {
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread poller = new Thread(() -> {
            while (!done.get()) {
                try {
                    client.exchange(LocalFrame.frame(new byte[0]).array(), 5_000);
                } catch (DaemonUnreachableException e) {
                    if (e.getMessage().startsWith("cannot reach")) errors.add(e.getMessage());
                }
            }
        });
        poller.start();
        try {
            for (int i = 0; i < 200; i++) {
                server.close();
                server = LocalControlServer.start(home.controlSocket(), this::handle, log::add, System::nanoTime);
            }
        } finally {
            done.set(true);
            poller.join(10_000);
        }
        assertEquals(List.of(), errors);
        assertServing();
    }

    @Test
    void aClientOfAnotherUidGetsNothing() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(
                ProcessHandle.current().info().user().orElse("").equals("root") && Files.isExecutable(python),
                "needs root (to run a client as nobody) and /usr/bin/python3");
        // Only for this test: let nobody reach the socket, so that the peer's uid is the only check left. In real
        // use JPM_HOME is 0700 and the socket 0600, and nobody's connect() fails before this check.
        for (Path p = home.root(); !p.equals(tmp.getParent()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Files.setPosixFilePermissions(home.controlSocket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        String script = """
                import socket, struct, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(sys.argv[1])
                body = b'{"cmd":"ping"}'
                try:
                    s.sendall(struct.pack('>I', len(body)) + body)
                    got = b''
                    while True:
                        chunk = s.recv(4096)
                        if not chunk: break
                        got += chunk
                except OSError as e:
                    got = b''
                print('connected, received %d bytes' % len(got))
                """;
        Process p = new ProcessBuilder(
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        python.toString(),
                        "-c",
                        script,
                        home.controlSocket().toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("connected, received 0 bytes", out);
        assertTrue(log.stream().anyMatch(l -> l.contains("refused a connection")), log.toString());
        assertServing();
    }
}
