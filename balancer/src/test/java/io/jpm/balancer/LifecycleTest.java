package io.jpm.balancer;

import static io.jpm.balancer.Net.connect;
import static io.jpm.balancer.Net.echo;
import static io.jpm.balancer.Net.greeting;
import static io.jpm.balancer.Net.readLine;
import static io.jpm.balancer.Net.statsOf;
import static io.jpm.testing.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private final Resources resources = new Resources();

    @AfterEach
    void tearDown() throws Exception {
        resources.closeAll();
    }

    @Test
    void removedBackendKeepsItsOpenConnection() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, resources.echo(1).address());
        balancer.addBackend(2, resources.echo(2).address());
        Socket client = resources.add(connect(balancer.port()));
        assertEquals(1, greeting(client));

        balancer.removeBackend(1);

        assertEquals("still here", echo(client, "still here"));
        BackendStats removed = statsOf(balancer, 1);
        assertFalse(removed.inRotation());
        assertEquals(1, removed.activeConnections());
        try (Socket next = connect(balancer.port())) {
            assertEquals(2, greeting(next));
        }
        client.close();
        until("backend 1 is forgotten", () -> statsOf(balancer, 1) == null);
    }

    @Test
    void drainCompletesWhenTheLastConnectionCloses() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, resources.echo(1).address());
        Socket client = resources.add(connect(balancer.port()));
        assertEquals(1, greeting(client));

        CompletableFuture<Void> drained = balancer.drain(1, Duration.ofSeconds(30));

        assertFalse(drained.isDone(), "drained with a connection open");
        assertFalse(statsOf(balancer, 1).inRotation());
        assertEquals("working", echo(client, "working"));
        client.close();
        drained.get(10, TimeUnit.SECONDS);
        assertNull(statsOf(balancer, 1));
    }

    @Test
    void drainClosesWhatRemainsAtItsTimeout() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, resources.echo(1).address());
        Socket client = resources.add(connect(balancer.port()));
        assertEquals(1, greeting(client));

        CompletableFuture<Void> drained = balancer.drain(1, Duration.ofMillis(200));

        drained.get(10, TimeUnit.SECONDS);
        assertNull(readLine(client), "the balancer closed the connection");
        assertNull(statsOf(balancer, 1));
    }

    @Test
    void drainOfAnIdleOrUnknownBackendCompletesAtOnce() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, resources.echo(1).address());
        assertTrue(balancer.drain(1, Duration.ofSeconds(30)).isDone());
        assertTrue(balancer.drain(99, Duration.ofSeconds(30)).isDone());
        assertEquals(List.of(), balancer.stats());
    }

    @Test
    void addingABackendAgainCancelsItsDrain() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        TestBackend backend = resources.echo(1);
        balancer.addBackend(1, backend.address());
        Socket client = resources.add(connect(balancer.port()));
        assertEquals(1, greeting(client));
        CompletableFuture<Void> drained = balancer.drain(1, Duration.ofMillis(300));

        balancer.addBackend(1, backend.address());

        assertTrue(drained.isCancelled());
        assertTrue(statsOf(balancer, 1).inRotation());
        Thread.sleep(600); // past the cancelled drain's deadline, which must close nothing
        assertEquals("kept", echo(client, "kept"));
    }

    @Test
    void statsCountConnectionsAndBytesEachWay() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(7, resources.echo(7).address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(7, greeting(client));
            assertEquals("hello", echo(client, "hello"));
            BackendStats during = statsOf(balancer, 7);
            assertEquals(1, during.activeConnections());
            assertTrue(during.inRotation());
        }
        until("the connection is closed", () -> statsOf(balancer, 7).activeConnections() == 0);
        BackendStats after = statsOf(balancer, 7);
        assertEquals(1, after.totalConnections());
        assertEquals("hello\n".length(), after.bytesIn());
        assertEquals(TestBackend.greeting(7).length() + "hello\n".length(), after.bytesOut());
        assertEquals(0, after.failedConnects());
        assertEquals(0, after.abortedConnections());
    }

    @Test
    void closeFreesThePortEndsConnectionsAndStopsThreads() throws Exception {
        Balancer balancer = Balancer.start(Resources.config());
        int port = balancer.port();
        try {
            balancer.addBackend(1, resources.echo(1).address());
            Socket client = resources.add(connect(port));
            assertEquals(1, greeting(client));
            assertEquals(2, Net.balancerThreads(port).size(), "two I/O threads, which also accept");

            balancer.close();

            assertEquals(List.of(), Net.balancerThreads(port));
            assertNull(readLine(client));
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            }
            balancer.close();
            assertThrows(IllegalStateException.class, () -> balancer.addBackend(2, Net.deadAddress()));
        } finally {
            balancer.close();
        }
    }

    @Test
    void startOnABusyPortFailsAndSaysWhich() throws Exception {
        Balancer first = resources.balancer(Resources.config());
        BalancerConfig samePort = Resources.config().withPort(first.port());

        BindException e = assertThrows(BindException.class, () -> resources.balancer(samePort));

        assertTrue(e.getMessage().contains("127.0.0.1:" + first.port()), e.getMessage());
        assertEquals(2, Net.anyBalancerThreads().size(), "only the first balancer's threads run");
    }
}
