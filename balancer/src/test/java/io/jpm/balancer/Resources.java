package io.jpm.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Closes what a test opened, newest first, and then checks that no balancer thread is left running. */
final class Resources {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        open.push(resource);
        return resource;
    }

    Balancer balancer(BalancerConfig config) throws Exception {
        return add(Balancer.start(config));
    }

    TestBackend echo(int id) throws Exception {
        return add(TestBackend.echo(id));
    }

    TestBackend backend(int id, TestBackend.Handler handler) throws Exception {
        return add(TestBackend.start(id, handler));
    }

    /** Closes everything; fails if a close failed or if a balancer thread survived. */
    void closeAll() throws Exception {
        Exception failure = null;
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        assertEquals(List.of(), Net.anyBalancerThreads(), "balancer threads left running after the test");
    }

    /** A config for tests: an ephemeral port on loopback, two I/O threads. */
    static BalancerConfig config() {
        return BalancerConfig.of(0).withHost("127.0.0.1").withIoThreads(2);
    }
}
