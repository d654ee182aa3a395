package io.jpm.tui.cli;

import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.CliException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The order of {@code jpm list --sort FIELD[:asc|desc]}, as PM2's: ascending unless {@code :desc}. */
record WorkerOrder(Comparator<WorkerView> comparator) {
    static final String FIELDS = "name, id, pid, cpu, memory, uptime, restarts, status";

    /** Reads {@code name:desc}; a field or direction it does not know is a one-line error (exit 2) naming it. */
    static WorkerOrder parse(String spec) {
        String[] parts = spec.toLowerCase(Locale.ROOT).split(":", -1);
        if (parts.length > 2) throw bad(spec);
        Comparator<WorkerView> by =
                switch (parts[0]) {
                    case "name" -> Comparator.comparing(WorkerView::name);
                    case "id", "pm_id" -> Comparator.comparingInt(WorkerView::id);
                    case "pid" -> Comparator.comparingLong(w -> w.pid() == null ? 0 : w.pid());
                    case "cpu" -> Comparator.comparingDouble(WorkerView::cpu);
                    case "memory", "mem" -> Comparator.comparingLong(WorkerView::memory);
                    case "uptime" -> Comparator.comparingLong(WorkerView::uptimeMs);
                    case "restarts", "restart" -> Comparator.comparingInt(WorkerView::restarts);
                    case "status" -> Comparator.comparing(w -> w.status().wire());
                    default -> throw bad(spec);
                };
        by = by.thenComparingInt(WorkerView::id);
        if (parts.length == 2) {
            switch (parts[1]) {
                case "asc" -> {}
                case "desc" -> by = by.reversed();
                default -> throw bad(spec);
            }
        }
        return new WorkerOrder(by);
    }

    List<WorkerView> sort(List<WorkerView> workers) {
        return workers.stream().sorted(comparator).toList();
    }

    private static CliException bad(String spec) {
        return new CliException("--sort takes FIELD[:asc|desc] with a field among " + FIELDS + ": " + spec, 2);
    }
}
