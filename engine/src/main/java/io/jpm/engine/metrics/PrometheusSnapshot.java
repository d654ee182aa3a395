package io.jpm.engine.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;

/**
 * The Prometheus view of one {@code stats} message: per-worker CPU, memory, restarts, status and uptime labelled
 * with {@code app} and {@code id}, and the host's CPU and memory.
 */
final class PrometheusSnapshot {
    private PrometheusSnapshot() {}

    @SuppressWarnings("unchecked")
    static MetricSnapshots of(Map<String, Object> stats) {
        List<Map<String, Object>> workers = (List<Map<String, Object>>) stats.getOrDefault("workers", List.of());
        var cpu = GaugeSnapshot.builder().name("jpm_worker_cpu_percent").help("CPU of the worker, percent of one core");
        var memory = GaugeSnapshot.builder()
                .name("jpm_worker_memory_bytes")
                .help("Resident memory of the worker")
                .unit(io.prometheus.metrics.model.snapshots.Unit.BYTES);
        var restarts = CounterSnapshot.builder().name("jpm_worker_restarts").help("Restarts of the worker");
        var uptime = GaugeSnapshot.builder()
                .name("jpm_worker_uptime_seconds")
                .help("Time since the worker's process started, 0 when not running")
                .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS);
        var status = GaugeSnapshot.builder()
                .name("jpm_worker_status")
                .help("1 for the worker's current status (online, stopped, errored, ...)");
        var up = GaugeSnapshot.builder().name("jpm_worker_up").help("1 when the worker is online, else 0");
        for (Map<String, Object> w : workers) {
            Labels labels = Labels.of("app", String.valueOf(w.get("name")), "id", String.valueOf(w.get("id")));
            String s = String.valueOf(w.get("status"));
            cpu.dataPoint(gauge(labels, number(w.get("cpu"))));
            memory.dataPoint(gauge(labels, number(w.get("memory"))));
            restarts.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value(number(w.get("restarts")))
                    .build());
            uptime.dataPoint(gauge(labels, number(w.get("uptimeMs")) / 1000.0));
            status.dataPoint(gauge(labels.add("status", s), 1));
            up.dataPoint(gauge(labels, "online".equals(s) ? 1 : 0));
        }
        Map<String, Object> host = (Map<String, Object>) stats.getOrDefault("host", Map.of());
        var hostCpu = GaugeSnapshot.builder()
                .name("jpm_host_cpu_percent")
                .help("CPU of the machine, percent of all cores")
                .dataPoint(gauge(Labels.EMPTY, number(host.get("cpu"))));
        var hostMem = GaugeSnapshot.builder()
                .name("jpm_host_memory_used_bytes")
                .help("Memory in use on the machine")
                .unit(io.prometheus.metrics.model.snapshots.Unit.BYTES)
                .dataPoint(gauge(Labels.EMPTY, number(host.get("memUsed"))));
        return MetricSnapshots.of(
                cpu.build(),
                memory.build(),
                restarts.build(),
                uptime.build(),
                status.build(),
                up.build(),
                hostCpu.build(),
                hostMem.build());
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels)
                .value(value)
                .build();
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
