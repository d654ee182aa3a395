package io.jpm.engine.supervise;

import java.util.Locale;

/** The life-cycle states of a worker, with the wire names that {@code list --json} shows. */
public enum WorkerStatus {
    LAUNCHING,
    ONLINE,
    STOPPING,
    STOPPED,
    WAITING_RESTART,
    ERRORED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
