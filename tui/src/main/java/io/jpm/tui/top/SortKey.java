package io.jpm.tui.top;

import java.util.Comparator;

/** The grid's sort column; {@code o} cycles through them in this order. Busiest first for cpu and mem. */
public enum SortKey {
    ID("id", Comparator.comparingInt(WorkerRow::id)),
    NAME("name", Comparator.comparing(WorkerRow::name).thenComparingInt(WorkerRow::instance)),
    CPU("cpu", Comparator.comparingDouble(WorkerRow::cpu).reversed()),
    MEM("mem", Comparator.comparingLong(WorkerRow::memory).reversed()),
    RESTARTS("↺", Comparator.comparingInt(WorkerRow::restarts).reversed()),
    UPTIME("uptime", Comparator.comparingLong(WorkerRow::uptimeMs)),
    STATUS("status", Comparator.comparing(WorkerRow::status));

    private final String label;
    private final Comparator<WorkerRow> order;

    SortKey(String label, Comparator<WorkerRow> order) {
        this.label = label;
        this.order = order.thenComparingInt(WorkerRow::id);
    }

    public String label() {
        return label;
    }

    public Comparator<WorkerRow> order() {
        return order;
    }

    public SortKey next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
