package io.jpm.engine.supervise;

/** The life-cycle states of a worker, with the wire names that {@code list --json} shows. */
public enum WorkerStatus {
    LAUNCHING,
    ONLINE,
    STOPPING,
    STOPPED,
    WAITING_RESTART,
    ERRORED;

    public String wire() {
        return toWire().wire();
    }

    /** The same state in the wire's enum, which clients read. */
    public io.jpm.ipc.wire.WorkerStatus toWire() {
        return io.jpm.ipc.wire.WorkerStatus.valueOf(name());
    }
}
