package io.jpm.ipc;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Work for the thread that owns a ZeroMQ socket (binding and unbinding its remote endpoint), queued by any thread and
 * run by the owner between messages. A task that throws is logged and the others still run.
 */
final class OwnerTasks {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Consumer<String> log;

    OwnerTasks(Consumer<String> log) {
        this.log = log;
    }

    /** Queues {@code task}; the caller then wakes the owner. */
    void add(Runnable task) {
        tasks.add(task);
    }

    /** Runs every queued task; on the owner's thread only. */
    void runAll() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.accept("remote endpoint: " + e.getMessage());
            }
        }
    }
}
