package io.jpm.tui.top;

import io.jpm.ipc.wire.ConsoleStats;
import io.jpm.ipc.wire.WorkerView;
import java.util.List;

/**
 * One worker as the console shows it, made from a {@code list} item or a {@code view.stats} worker; {@code watching}: its
 * app restarts on file changes; {@code host} names its daemon in {@code jpm-top --hosts} and is empty for the local
 * one.
 */
public record WorkerRow(
        int id,
        String name,
        int instance,
        String mode,
        long pid,
        String status,
        int restarts,
        long uptimeMs,
        double cpu,
        long memory,
        String health,
        boolean watching,
        String host) {

    public WorkerRow {
        host = host == null ? "" : host;
    }

    /** A row of the local daemon. */
    public WorkerRow(
            int id,
            String name,
            int instance,
            String mode,
            long pid,
            String status,
            int restarts,
            long uptimeMs,
            double cpu,
            long memory,
            String health,
            boolean watching) {
        this(id, name, instance, mode, pid, status, restarts, uptimeMs, cpu, memory, health, watching, "");
    }

    /** This row on {@code host}'s daemon. */
    public WorkerRow onHost(String host) {
        return new WorkerRow(
                id, name, instance, mode, pid, status, restarts, uptimeMs, cpu, memory, health, watching, host);
    }

    /** Whether this is worker {@code id} of {@code host}: rows are keyed by both. */
    public boolean is(String host, int id) {
        return this.id == id && this.host.equals(host);
    }

    /** {@link #pid} when the worker has no process. */
    public static final long NO_PID = -1;

    /** The app's probes fail for this worker's process (its readiness or liveness probe). */
    public boolean unhealthy() {
        return "unhealthy".equals(health);
    }

    public boolean running() {
        return pid != NO_PID;
    }

    /** The row of a {@code list} item or a {@code stats} worker. */
    public static WorkerRow of(WorkerView w) {
        return new WorkerRow(
                w.id(),
                w.name(),
                w.instance(),
                w.mode(),
                w.running() ? w.pid() : NO_PID,
                w.status().wire(),
                w.restarts(),
                Math.max(0, w.uptimeMs()),
                Math.max(0, w.cpu()),
                Math.max(0, w.memory()),
                w.health(),
                w.watching());
    }

    /** The row of a {@code view.stats} worker. */
    public static WorkerRow of(ConsoleStats.Row w) {
        return new WorkerRow(
                w.id(),
                w.name(),
                w.instance(),
                w.mode(),
                w.pid() != null ? w.pid() : NO_PID,
                w.status().wire(),
                w.restarts(),
                Math.max(0, w.uptimeMs()),
                Math.max(0, w.cpu()),
                Math.max(0, w.memory()),
                w.health(),
                w.watching());
    }

    /** The rows of a {@code view.stats} message. */
    public static List<WorkerRow> listOf(ConsoleStats stats) {
        return stats.workers().stream().map(WorkerRow::of).toList();
    }

    public static List<WorkerRow> listOf(List<WorkerView> workers) {
        return workers.stream().map(WorkerRow::of).toList();
    }
}
