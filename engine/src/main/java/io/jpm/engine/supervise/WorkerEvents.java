package io.jpm.engine.supervise;

import io.jpm.engine.logs.Publisher;
import io.jpm.ipc.Topics;
import io.jpm.ipc.wire.EventKind;
import io.jpm.ipc.wire.WorkerEvent;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** Publishes a worker's life-cycle events ({@link WorkerEvent}) on its app's event topic. Runs on the actor. */
public final class WorkerEvents {
    private final Publisher publisher;
    private final LongSupplier wallClock;

    public WorkerEvents(Publisher publisher, LongSupplier wallClock) {
        this.publisher = publisher;
        this.wallClock = wallClock;
    }

    /** Publishes an event of {@code kind} with no field but the worker's. */
    public void emit(App app, Worker w, EventKind kind) {
        emit(app, w, kind, UnaryOperator.identity());
    }

    /** Publishes an event of {@code kind}, with the fields that {@code detail} adds. */
    public void emit(App app, Worker w, EventKind kind, UnaryOperator<WorkerEvent> detail) {
        Long pid = w.process() == null ? null : w.process().pid();
        WorkerEvent e = WorkerEvent.of(kind, app.name(), w.id(), w.instance(), wallClock.getAsLong(), pid);
        publisher.publish(Topics.event(app.name()), detail.apply(e));
    }
}
