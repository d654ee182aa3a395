package io.jpm.balancer;

import static io.jpm.balancer.Net.connect;
import static io.jpm.balancer.Net.echo;
import static io.jpm.balancer.Net.greeting;
import static io.jpm.balancer.Net.readLine;
import static io.jpm.balancer.Net.send;
import static io.jpm.balancer.Net.statsOf;
import static io.jpm.testing.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProxyingTest {

    private static final int MB = 1024 * 1024;

    private final Resources resources = new Resources();

    @AfterEach
    void tearDown() throws Exception {
        resources.closeAll();
    }

    @Test
    void clientHalfCloseReachesTheBackendAndTheReplyStillFlows() throws Exception {
        TestBackend counter = resources.backend(1, (socket, in, out) -> {
            long n = in.transferTo(OutputStream.nullOutputStream());
            out.write(("got " + n + "\n").getBytes(StandardCharsets.US_ASCII));
        });
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, counter.address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(1, greeting(client));
            client.getOutputStream().write(new byte[1000]);

            client.shutdownOutput();

            assertEquals("got 1000", readLine(client));
            assertEquals(-1, client.getInputStream().read());
        }
    }

    @Test
    void backendHalfCloseReachesTheClientWhoCanStillSend() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        TestBackend closer = resources.backend(1, (socket, in, out) -> {
            socket.shutdownOutput();
            received.complete(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        });
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, closer.address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(1, greeting(client));
            assertEquals(-1, client.getInputStream().read(), "the backend's end of stream");

            send(client, "after the backend's end");
            client.shutdownOutput();

            assertEquals("after the backend's end", received.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void fiftyMegabytesEachWayArriveByteExact() throws Exception {
        long size = 50L * MB;
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, resources.echo(1).address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(1, greeting(client));
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    writePattern(client.getOutputStream(), size);
                    client.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(size, readPattern(client.getInputStream()), "bytes echoed back in order");
            sent.get(30, TimeUnit.SECONDS);
        }
        until("the connection is closed", () -> statsOf(balancer, 1).activeConnections() == 0);
        assertEquals(size, statsOf(balancer, 1).bytesIn());
        assertEquals(
                size + TestBackend.greeting(1).length(), statsOf(balancer, 1).bytesOut());
    }

    @Test
    void aClientThatDoesNotReadStopsTheBalancerReadingFromItsBackend() throws Exception {
        long size = 256L * MB;
        AtomicLong pushed = new AtomicLong();
        TestBackend firehose = resources.backend(1, (socket, in, out) -> {
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
                pushed.addAndGet(chunk.length);
            }
        });
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, firehose.address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(1, greeting(client));
            long stalled = awaitStable(pushed);

            assertTrue(
                    stalled < size / 2, "the backend pushed " + stalled / MB + " MB into a client that reads nothing");

            InputStream in = client.getInputStream();
            byte[] sink = new byte[64 * 1024];
            long read = 0;
            while (read < stalled + 16L * MB) {
                int n = in.read(sink);
                assertTrue(n > 0, "end of stream after " + read + " bytes");
                read += n;
            }
            assertTrue(pushed.get() > stalled, "reading again resumed the flow from the backend");
        }
    }

    @Test
    void aClientResetLeavesOtherConnectionsAlone() throws Exception {
        TestBackend backend = resources.echo(1);
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, backend.address());
        Socket victim = resources.add(connect(balancer.port()));
        Socket bystander = resources.add(connect(balancer.port()));
        assertEquals(1, greeting(victim));
        assertEquals(1, greeting(bystander));
        send(victim, "half a mess");

        victim.setSoLinger(true, 0);
        victim.close();

        until("the reset is counted", () -> statsOf(balancer, 1).abortedConnections() == 1);
        until("the backend's side is closed too", () -> backend.open() == 1);
        assertEquals("fine", echo(bystander, "fine"));
        try (Socket next = connect(balancer.port())) {
            assertEquals(1, greeting(next));
            assertEquals("also fine", echo(next, "also fine"));
        }
    }

    @Test
    void aBackendResetReachesItsClientAndLeavesOthersAlone() throws Exception {
        TestBackend resetter = resources.backend(1, TestBackend.ECHO_THEN_RESET_ON_BANG);
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, resetter.address());
        Socket victim = resources.add(connect(balancer.port()));
        Socket bystander = resources.add(connect(balancer.port()));
        assertEquals(1, greeting(victim));
        assertEquals(1, greeting(bystander));

        send(victim, "!");

        assertThrows(SocketException.class, () -> victim.getInputStream().read(), "the reset is passed on");
        until("the reset is counted", () -> statsOf(balancer, 1).abortedConnections() == 1);
        assertEquals("fine", echo(bystander, "fine"));
        try (Socket next = connect(balancer.port())) {
            assertEquals(1, greeting(next));
            assertEquals("also fine", echo(next, "also fine"));
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        Balancer balancer = resources.balancer(Resources.config().withIdleTimeout(Duration.ofMillis(300)));
        TestBackend backend = resources.echo(1);
        balancer.addBackend(1, backend.address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(1, greeting(client));
            long start = System.nanoTime();

            assertNull(readLine(client), "closed by the balancer");

            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMillis >= 200, "closed after only " + waitedMillis + " ms");
        }
        until("the backend's side is closed too", () -> backend.open() == 0);
        assertEquals(0, statsOf(balancer, 1).abortedConnections(), "an idle close is a clean close");
    }

    @Test
    void aBusyConnectionOutlivesTheIdleTimeout() throws Exception {
        Balancer balancer = resources.balancer(Resources.config().withIdleTimeout(Duration.ofMillis(500)));
        balancer.addBackend(1, resources.echo(1).address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(1, greeting(client));
            for (int i = 0; i < 12; i++) {
                Thread.sleep(100);
                assertEquals("ping " + i, echo(client, "ping " + i));
            }
        }
    }

    /** Waits until {@code counter} has not moved for a while, and returns its value. */
    private static long awaitStable(AtomicLong counter) throws InterruptedException {
        long deadline = System.nanoTime() + Net.WAIT.toNanos();
        long last = -1;
        int unchanged = 0;
        while (unchanged < 5) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still moving: " + counter.get());
            }
            Thread.sleep(100);
            long now = counter.get();
            unchanged = now == last && now > 0 ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    /** The byte at {@code position} of the test pattern: varied, and wrong if any byte is lost, added or moved. */
    private static byte patternAt(long position) {
        long x = position * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ position >>> 16);
    }

    private static void writePattern(OutputStream out, long size) throws IOException {
        byte[] chunk = new byte[61 * 1024];
        long position = 0;
        while (position < size) {
            int n = (int) Math.min(chunk.length, size - position);
            for (int i = 0; i < n; i++) {
                chunk[i] = patternAt(position + i);
            }
            out.write(chunk, 0, n);
            position += n;
        }
    }

    /** Reads to end of stream, checking every byte against the pattern; returns how many were read. */
    private static long readPattern(InputStream in) throws IOException {
        byte[] chunk = new byte[47 * 1024];
        long position = 0;
        int n;
        while ((n = in.read(chunk)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] != patternAt(position + i)) {
                    throw new AssertionError("wrong byte at " + (position + i));
                }
            }
            position += n;
        }
        return position;
    }
}
