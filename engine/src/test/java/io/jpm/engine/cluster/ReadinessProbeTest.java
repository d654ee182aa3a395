package io.jpm.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {
    private final AtomicLong now = new AtomicLong();
    private final ProcessHandle self = ProcessHandle.current();

    @Test
    void backoffGrowsFromTenToTwoHundredMilliseconds() {
        assertEquals(
                List.of(10L, 20L, 40L, 80L, 160L, 200L, 200L),
                List.of(
                        ReadinessProbe.backoffMs(0),
                        ReadinessProbe.backoffMs(1),
                        ReadinessProbe.backoffMs(2),
                        ReadinessProbe.backoffMs(3),
                        ReadinessProbe.backoffMs(4),
                        ReadinessProbe.backoffMs(5),
                        ReadinessProbe.backoffMs(40)));
    }

    @Test
    void readyOnceThePortAccepts() throws Exception {
        int port = freePort();
        try (ReadinessProbe probe = new ReadinessProbe(now::get)) {
            CompletableFuture<Boolean> ready = probe.await(loopback(port), null, self, Long.MAX_VALUE);
            Thread.sleep(100);
            assertFalse(ready.isDone(), "nothing listens yet");
            try (ServerSocket s = new ServerSocket()) {
                s.bind(loopback(port));
                assertTrue(ready.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void notReadyWhenTheDeadlinePasses() throws Exception {
        try (ReadinessProbe probe = new ReadinessProbe(now::get)) {
            CompletableFuture<Boolean> ready = probe.await(loopback(freePort()), null, self, 1_000);
            Thread.sleep(100);
            assertFalse(ready.isDone());
            now.set(1_000); // the clock is ours: the deadline passes without any wait
            assertFalse(ready.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void notReadyWhenTheProcessIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        try (ReadinessProbe probe = new ReadinessProbe(now::get)) {
            assertFalse(probe.await(loopback(freePort()), null, p.toHandle(), Long.MAX_VALUE)
                    .get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aReadyLineMakesReadyWithoutAnyListener() throws Exception {
        try (ReadinessProbe probe = new ReadinessProbe(now::get)) {
            CompletableFuture<Void> line = new CompletableFuture<>();
            CompletableFuture<Boolean> ready = probe.await(loopback(freePort()), line, self, Long.MAX_VALUE);
            Thread.sleep(50);
            assertFalse(ready.isDone());
            line.complete(null);
            assertTrue(ready.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theReadyLineWatcherSpotsTheLineAnywhereInALine() {
        ReadyLineWatcher w = new ReadyLineWatcher("server started");
        byte[] booting = "xxbooting server startexx".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        w.line(booting, 2, booting.length - 4);
        assertFalse(w.seen().isDone());
        byte[] ready = "[info] server started on 3000".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        w.line(ready, 0, 20); // cut before the end of the marker
        assertFalse(w.seen().isDone());
        w.line(ready, 0, ready.length);
        assertTrue(w.seen().isDone());
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
