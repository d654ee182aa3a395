package io.jpm.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {
    private final AtomicLong now = new AtomicLong();
    private final ProcessHandle self = ProcessHandle.current();

    @Test
    void backoffGrowsFromTenToTwoHundredMilliseconds() {
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 200L, 200L),
                List.of(ReadinessProbe.backoffMs(0), ReadinessProbe.backoffMs(1), ReadinessProbe.backoffMs(2),
                        ReadinessProbe.backoffMs(3), ReadinessProbe.backoffMs(4), ReadinessProbe.backoffMs(5),
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
    void theReadyLineWatcherSpotsTheLineAndPassesEverythingOn() {
        List<Object> published = new java.util.ArrayList<>();
        ReadyLineWatcher w = new ReadyLineWatcher((topic, msg) -> published.add(msg), "server started");
        w.accept("log.a.out", Map.of("lines", List.of(new LogPump.Line(1, 0, "booting", false))));
        assertFalse(w.seen().isDone());
        w.accept("log.a.out", Map.of("lines", List.of(new LogPump.Line(2, 0, "x", false),
                new LogPump.Line(3, 0, "[info] server started on 3000", false))));
        assertTrue(w.seen().isDone());
        assertEquals(2, published.size());
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
