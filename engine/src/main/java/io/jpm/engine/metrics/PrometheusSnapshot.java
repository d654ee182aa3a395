package io.jpm.engine.metrics;

import io.jpm.ipc.wire.Stats;
import io.jpm.ipc.wire.WorkerView;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The Prometheus view of one {@code stats} message: per-worker CPU, memory, restarts, status, uptime, health and log
 * lines a full disk refused, labelled
 * with {@code app} and {@code id}, and the host's CPU and memory.
 */
final class PrometheusSnapshot {
    private PrometheusSnapshot() {}

    static MetricSnapshots of(Stats stats) {
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
        var healthy = GaugeSnapshot.builder()
                .name("jpm_worker_healthy")
                .help(
                        "1 when the worker's health probes pass, 0 when one fails, -1 before a verdict; absent without probes");
        var unwritten = CounterSnapshot.builder()
                .name("jpm_worker_log_lines_unwritten")
                .help("Log lines the worker wrote that a full disk refused (in no file)");
        for (WorkerView w : stats.workers()) {
            Labels labels = Labels.of("app", w.name(), "id", Integer.toString(w.id()));
            String s = w.status().wire();
            cpu.dataPoint(gauge(labels, w.cpu()));
            memory.dataPoint(gauge(labels, w.memory()));
            restarts.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value(w.restarts())
                    .build());
            uptime.dataPoint(gauge(labels, w.uptimeMs() / 1000.0));
            status.dataPoint(gauge(labels.add("status", s), 1));
            up.dataPoint(gauge(labels, "online".equals(s) ? 1 : 0));
            if (w.health() != null) {
                healthy.dataPoint(gauge(
                        labels,
                        switch (w.health()) {
                            case "healthy" -> 1;
                            case "unhealthy" -> 0;
                            default -> -1;
                        }));
            }
            unwritten.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(labels)
                    .value(stats.unwrittenLogLines(w.id()))
                    .build());
        }
        var hostCpu = GaugeSnapshot.builder()
                .name("jpm_host_cpu_percent")
                .help("CPU of the machine, percent of all cores")
                .dataPoint(gauge(Labels.EMPTY, stats.host().cpu()));
        var hostMem = GaugeSnapshot.builder()
                .name("jpm_host_memory_used_bytes")
                .help("Memory in use on the machine")
                .unit(io.prometheus.metrics.model.snapshots.Unit.BYTES)
                .dataPoint(gauge(Labels.EMPTY, stats.host().memUsed()));
        return MetricSnapshots.of(
                cpu.build(),
                memory.build(),
                restarts.build(),
                uptime.build(),
                status.build(),
                up.build(),
                healthy.build(),
                unwritten.build(),
                hostCpu.build(),
                hostMem.build());
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels)
                .value(value)
                .build();
    }
}
