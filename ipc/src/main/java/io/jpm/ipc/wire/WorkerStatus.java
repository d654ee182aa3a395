package io.jpm.ipc.wire;

import java.util.Locale;

/** The life-cycle states of a worker, with the wire names that {@code list --json} shows. */
public enum WorkerStatus {
    LAUNCHING,
    ONLINE,
    STOPPING,
    STOPPED,
    WAITING_RESTART,
    ERRORED;

    private final String wire = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String wire() {
        return wire;
    }

    public static WorkerStatus fromWire(String wire) {
        for (WorkerStatus s : values()) if (s.wire.equals(wire)) return s;
        throw new IllegalArgumentException("unknown worker status: " + wire);
    }
}
