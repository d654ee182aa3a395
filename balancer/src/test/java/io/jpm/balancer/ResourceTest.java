package io.jpm.balancer;

import static io.jpm.balancer.Net.connect;
import static io.jpm.balancer.Net.echo;
import static io.jpm.balancer.Net.greeting;
import static io.jpm.balancer.Net.send;
import static io.jpm.balancer.Net.statsOf;
import static io.jpm.testing.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load on file descriptors. The test process holds four per idle connection (client, the balancer's two, backend),
 * and ulimit -n is 20,000 here, so the idle test uses 4,000 connections and the burst test 10,000 short-lived ones.
 */
class ResourceTest {

    private final Resources resources = new Resources();

    @AfterEach
    void tearDown() throws Exception {
        resources.closeAll();
    }

    @Test
    void fourThousandIdleConnectionsLeaveTheBalancerResponsive() throws Exception {
        int count = 4_000;
        TestBackend backend = resources.echo(1);
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, backend.address());
        List<Socket> idle = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                idle.add(connect(balancer.port()));
            }
            for (Socket client : idle) {
                assertEquals(1, greeting(client));
            }
            assertEquals(count, statsOf(balancer, 1).activeConnections());

            try (Socket fresh = connect(balancer.port())) {
                assertEquals(1, greeting(fresh));
                assertEquals("fresh", echo(fresh, "fresh"));
            }
            for (int i = 0; i < count; i += 97) {
                assertEquals("still " + i, echo(idle.get(i), "still " + i));
            }
        } finally {
            for (Socket client : idle) {
                client.close();
            }
        }
        until("every connection is closed", () -> statsOf(balancer, 1).activeConnections() == 0);
        until("the backend's sides are closed", () -> backend.open() == 0);
        assertEquals(0, statsOf(balancer, 1).abortedConnections());
    }

    @Test
    void fileDescriptorsReturnToTheBaselineAfterABurstOfAllKinds() throws Exception {
        TestBackend backend = resources.backend(1, TestBackend.ECHO_THEN_RESET_ON_BANG);
        Balancer balancer = resources.balancer(Resources.config());
        balancer.addBackend(1, backend.address());
        burst(balancer, 200);
        awaitQuiet(balancer, backend);
        long baseline = stableFdCount();

        burst(balancer, 10_000);
        awaitQuiet(balancer, backend);

        AtomicLong now = new AtomicLong();
        try {
            until("open file descriptors are back to " + baseline, () -> {
                now.set(countFds());
                return now.get() <= baseline;
            });
        } catch (AssertionError e) {
            assertEquals(baseline, now.get(), "open file descriptors after the burst");
        }
        // A connection that closed while still in the accept queue is counted once the loop accepts it, which on a
        // loaded machine can come after the quiet checks above.
        until("every connection is counted", () -> statsOf(balancer, 1).totalConnections() >= 10_200);
        BackendStats stats = statsOf(balancer, 1);
        assertEquals(10_200, stats.totalConnections());
        assertTrue(stats.abortedConnections() >= 2 * 10_200 / 5, "resets from both sides counted: " + stats);
        assertEquals(0, balancer.rejectedConnections());
    }

    private static void awaitQuiet(Balancer balancer, TestBackend backend) {
        until("every connection is closed", () -> statsOf(balancer, 1).activeConnections() == 0);
        until("the backend's sides are closed", () -> backend.open() == 0);
    }

    /** The count of open file descriptors once it has stopped changing, as closes finish on other threads. */
    private static long stableFdCount() throws InterruptedException {
        long deadline = System.nanoTime() + Net.WAIT.toNanos();
        long last = countFds();
        for (int same = 0; same < 5 && System.nanoTime() - deadline < 0; ) {
            Thread.sleep(50);
            long now = countFds();
            same = now == last ? same + 1 : 0;
            last = now;
        }
        return last;
    }

    private static long countFds() {
        try {
            return Net.openFileDescriptors();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** Opens {@code count} connections from 32 threads, each ending one of five ways, and waits for all of them. */
    private static void burst(Balancer balancer, int count) throws Exception {
        int threads = 32;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        oneConnection(balancer.port(), i % 5);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void oneConnection(int port, int kind) throws IOException {
        try (Socket client = connect(port)) {
            if (kind == 4) {
                return; // connects and sends nothing, reads nothing
            }
            assertEquals(1, greeting(client));
            switch (kind) {
                case 0 -> assertEquals("plain", echo(client, "plain"));
                case 1 -> {
                    send(client, "going away");
                    client.setSoLinger(true, 0);
                }
                case 2 -> {
                    send(client, "half");
                    client.shutdownOutput();
                    assertEquals("half", new String(client.getInputStream().readAllBytes()));
                }
                case 3 -> {
                    send(client, "!");
                    drainUntilError(client.getInputStream());
                }
                default -> throw new IllegalArgumentException("kind " + kind);
            }
        }
    }

    private static void drainUntilError(InputStream in) {
        try {
            while (in.read() >= 0) {
                // Nothing is expected before the reset.
            }
        } catch (IOException expected) {
            // The backend's reset, passed on.
        }
    }
}
