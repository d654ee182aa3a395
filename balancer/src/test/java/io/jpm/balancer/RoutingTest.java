package io.jpm.balancer;

import static io.jpm.balancer.Net.connect;
import static io.jpm.balancer.Net.greeting;
import static io.jpm.balancer.Net.readLine;
import static io.jpm.balancer.Net.statsOf;
import static io.jpm.testing.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private final Resources resources = new Resources();

    @AfterEach
    void tearDown() throws Exception {
        resources.closeAll();
    }

    @Test
    void roundRobinTakesBackendsInTurn() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        for (int id = 1; id <= 3; id++) {
            balancer.addBackend(id, resources.echo(id).address());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            try (Socket client = connect(balancer.port())) {
                order.add(greeting(client));
            }
        }
        assertEquals(List.of(1, 2, 3, 1, 2, 3, 1, 2, 3), order);
        for (int id = 1; id <= 3; id++) {
            assertEquals(3, statsOf(balancer, id).totalConnections(), "connections to backend " + id);
        }
    }

    @Test
    void leastConnectionsSendsNewConnectionsToTheLeastLoaded() throws Exception {
        Balancer balancer = resources.balancer(Resources.config().withStrategy(Strategy.LEAST_CONNECTIONS));
        balancer.addBackend(1, resources.echo(1).address());
        List<Socket> onFirst = new ArrayList<>();
        List<Socket> onSecond = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                onFirst.add(resources.add(connect(balancer.port())));
                assertEquals(1, greeting(onFirst.get(i)));
            }
            balancer.addBackend(2, resources.echo(2).address());
            for (int i = 0; i < 3; i++) {
                onSecond.add(resources.add(connect(balancer.port())));
                assertEquals(2, greeting(onSecond.get(i)), "connection " + i + " after backend 2 joined");
            }
            for (Socket socket : onFirst) {
                socket.close();
            }
            until("backend 1 has no connections", () -> statsOf(balancer, 1).activeConnections() == 0);
            for (int i = 0; i < 2; i++) {
                Socket client = resources.add(connect(balancer.port()));
                assertEquals(1, greeting(client), "connection " + i + " after backend 1 emptied");
            }
        } finally {
            for (Socket socket : onSecond) {
                socket.close();
            }
        }
    }

    @Test
    void onlyBackendsInRotationGetConnections() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        TestBackend removed = resources.echo(2);
        TestBackend neverAdded = resources.echo(4);
        balancer.addBackend(1, resources.echo(1).address());
        balancer.addBackend(2, removed.address());
        balancer.addBackend(3, resources.echo(3).address());
        balancer.removeBackend(2);
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (Socket client = connect(balancer.port())) {
                seen.add(greeting(client));
            }
        }
        assertEquals(List.of(1, 3, 1, 3, 1, 3), seen);
        assertEquals(0, removed.accepted());
        assertEquals(0, neverAdded.accepted());
        assertEquals(
                List.of(1, 3), balancer.stats().stream().map(BackendStats::id).toList());
    }

    @Test
    void refusedConnectIsRetriedOnTheNextBackend() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, Net.deadAddress());
        balancer.addBackend(2, resources.echo(2).address());
        for (int i = 0; i < 4; i++) {
            try (Socket client = connect(balancer.port())) {
                assertEquals(2, greeting(client), "connection " + i);
            }
        }
        BackendStats dead = statsOf(balancer, 1);
        assertTrue(dead.failedConnects() >= 1, "failed connects counted: " + dead);
        assertEquals(0, dead.totalConnections());
        assertEquals(4, statsOf(balancer, 2).totalConnections());
        assertEquals(0, balancer.rejectedConnections());
    }

    @Test
    void connectTimeoutIsRetriedOnTheNextBackend() throws Exception {
        Balancer balancer = resources.balancer(Resources.config().withConnectTimeout(Duration.ofMillis(300)));
        InetSocketAddress blackhole = blackhole();
        balancer.addBackend(1, blackhole);
        balancer.addBackend(2, resources.echo(2).address());
        try (Socket client = connect(balancer.port())) {
            assertEquals(2, greeting(client));
        }
        assertEquals(1, statsOf(balancer, 1).failedConnects());
        assertEquals(0, balancer.rejectedConnections());
    }

    @Test
    void clientIsClosedWhenNoBackendTakesIt() throws Exception {
        Balancer balancer = resources.balancer(Resources.config());
        try (Socket client = connect(balancer.port())) {
            assertNull(readLine(client), "no backend at all");
        }
        balancer.addBackend(1, Net.deadAddress());
        try (Socket client = connect(balancer.port())) {
            assertNull(readLine(client), "only a dead backend");
        }
        assertEquals(2, balancer.rejectedConnections());
        assertEquals(1, statsOf(balancer, 1).failedConnects());
    }

    /**
     * A listening socket whose accept queue is full, so that further connects hang: Linux drops their SYNs. Its
     * resources are closed after the test.
     */
    private InetSocketAddress blackhole() throws IOException {
        ServerSocket server = resources.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        for (int i = 0; i < 50; i++) {
            Socket filler = resources.add(new Socket());
            try {
                filler.connect(address, 200);
            } catch (SocketTimeoutException e) {
                return address;
            }
        }
        throw new IllegalStateException("could not fill the accept queue of " + address);
    }
}
