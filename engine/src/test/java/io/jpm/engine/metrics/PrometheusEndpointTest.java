package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.logs.RecordingDaemonLog;
import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WorkerStatus;
import io.jpm.ipc.wire.WorkerView;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static WorkerView worker(int id, String name, String status, double cpu, long memory, int restarts) {
        return worker(id, name, status, cpu, memory, restarts, null);
    }

    static WorkerView worker(int id, String name, String status, double cpu, long memory, int restarts, String health) {
        return WorkerView.builder(id, name, WorkerStatus.fromWire(status))
                .pid(1L)
                .restarts(restarts)
                .uptimeMs(5000L)
                .cpu(cpu)
                .memory(memory)
                .health(health)
                .build();
    }

    /** Parses sample lines ({@code name{labels} value}) into "name{labels}" → value. */
    static Map<String, Double> samples(String body) {
        Map<String, Double> m = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            m.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return m;
    }

    @Test
    void servesEachWorkersFiguresWithAppAndIdLabelsOnLoopback() throws Exception {
        AtomicReference<Stats> stats = new AtomicReference<>(new Stats(0, 0, new Stats.Host(0, 0, 0, 0), List.of()));
        int port = freePort();
        try (PrometheusEndpoint e = PrometheusEndpoint.start(port, stats::get, new RecordingDaemonLog())) {
            assertEquals(port, e.port());
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .build();
            HttpResponse<String> empty = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, empty.statusCode());
            stats.set(StatsMessage.of(
                    new Tick(1, 1000, new HostUsage(12.5, 2, 300, 1000), Map.of()),
                    List.of(
                            worker(0, "web", "online", 99.5, 4096, 2, "unhealthy"),
                            worker(1, "job", "errored", 0, 0, 7)),
                    Map.of(1, 63_392L)));
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            Map<String, Double> s = samples(r.body());
            assertEquals(99.5, s.get("jpm_worker_cpu_percent{app=\"web\",id=\"0\"}"), r.body());
            assertEquals(4096, s.get("jpm_worker_memory_bytes{app=\"web\",id=\"0\"}"));
            assertEquals(7, s.get("jpm_worker_restarts_total{app=\"job\",id=\"1\"}"));
            assertEquals(5, s.get("jpm_worker_uptime_seconds{app=\"web\",id=\"0\"}"));
            assertEquals(1, s.get("jpm_worker_status{app=\"job\",id=\"1\",status=\"errored\"}"));
            assertEquals(1, s.get("jpm_worker_up{app=\"web\",id=\"0\"}"));
            assertEquals(0, s.get("jpm_worker_up{app=\"job\",id=\"1\"}"));
            assertEquals(63_392, s.get("jpm_worker_log_lines_unwritten_total{app=\"job\",id=\"1\"}"), r.body());
            assertEquals(0, s.get("jpm_worker_log_lines_unwritten_total{app=\"web\",id=\"0\"}"));
            assertEquals(12.5, s.get("jpm_host_cpu_percent"));
            assertEquals(0, s.get("jpm_worker_healthy{app=\"web\",id=\"0\"}"), "a failing probe");
            assertEquals(null, s.get("jpm_worker_healthy{app=\"job\",id=\"1\"}"), "no probe, no sample");
            assertTrue(r.body().contains("# TYPE jpm_worker_restarts_total counter"), r.body());
            HttpResponse<String> missing = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nope"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            assertThrows(
                    IOException.class,
                    () -> PrometheusEndpoint.start(port, stats::get, new RecordingDaemonLog()),
                    "port taken");
        }
        try (ServerSocket again = new ServerSocket(port)) {
            assertEquals(port, again.getLocalPort(), "close frees the port");
        }
    }
}
