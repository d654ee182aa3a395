package io.jpm.balancer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.balancer.Strategy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class IoLoopTest {

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Backends backends = new Backends(Strategy.ROUND_ROBIN);
        IoLoop loop = new IoLoop(backends, TimeUnit.SECONDS.toNanos(1), 0, new LongAdder());
        Thread thread = Thread.ofPlatform().name("jpm-balancer-io-test").start(loop);
        try (ServerSocket backend = new ServerSocket(0, 50, loopback);
                ServerSocketChannel front = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
                Socket client = new Socket()) {
            backends.add(1, new InetSocketAddress(loopback, backend.getLocalPort()));
            CompletableFuture<Void> after = new CompletableFuture<>();
            loop.execute(() -> {
                throw new IllegalStateException("a bug in a task");
            });
            loop.execute(() -> after.complete(null));
            after.get(10, TimeUnit.SECONDS);
            assertTrue(thread.isAlive());

            client.setSoTimeout(10_000);
            client.connect(front.getLocalAddress());
            loop.adopt(front.accept());
            try (Socket server = backend.accept()) {
                server.getOutputStream().write("through\n".getBytes(StandardCharsets.US_ASCII));
                byte[] line = new byte[8];
                assertEquals(8, client.getInputStream().readNBytes(line, 0, 8));
                assertEquals("through\n", new String(line, StandardCharsets.US_ASCII));
            }
        } finally {
            loop.stop();
            thread.join(5_000);
        }
        assertFalse(thread.isAlive());
    }

    @Test
    void stopClosesTheLoopsConnections() throws IOException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Backends backends = new Backends(Strategy.ROUND_ROBIN);
        IoLoop loop = new IoLoop(backends, TimeUnit.SECONDS.toNanos(1), 0, new LongAdder());
        Thread thread = Thread.ofPlatform().name("jpm-balancer-io-test").start(loop);
        try (ServerSocket backend = new ServerSocket(0, 50, loopback);
                ServerSocketChannel front = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
                Socket client = new Socket()) {
            backends.add(1, new InetSocketAddress(loopback, backend.getLocalPort()));
            client.setSoTimeout(10_000);
            client.connect(front.getLocalAddress());
            loop.adopt(front.accept());
            try (Socket server = backend.accept()) {
                server.setSoTimeout(10_000);

                loop.stop();
                thread.join(5_000);

                assertFalse(thread.isAlive());
                assertEquals(-1, client.getInputStream().read());
                assertEquals(-1, server.getInputStream().read());
                assertEquals(0, backends.stats().get(0).activeConnections());
            }
        } finally {
            loop.stop();
            thread.join(5_000);
        }
    }
}
