package io.jpm.engine.logs;

import io.jpm.ipc.wire.WireValue;

/**
 * Where the daemon's published messages go, each kind by its own type so that nothing untyped reaches the event
 * socket: the daemon hands them to its {@code ControlServer}; tests record them. Both methods may be called from
 * any thread and never block.
 */
public interface Publisher {
    /** A typed message on {@code topic}: the stats, the console's copy of them, a worker's event. */
    void publish(String topic, WireValue message);

    /** A batch of log lines on a worker's log topic, already encoded by {@link LogBatchJson}. */
    void publishLogs(String topic, byte[] batchJson);
}
