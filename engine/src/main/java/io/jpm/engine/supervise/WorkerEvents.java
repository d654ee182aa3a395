package io.jpm.engine.supervise;

import io.jpm.ipc.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/** Publishes a worker's life-cycle events on its app's event topic. Runs on the actor. */
public final class WorkerEvents {
    private final BiConsumer<String, Object> publisher;
    private final LongSupplier wallClock;

    public WorkerEvents(BiConsumer<String, Object> publisher, LongSupplier wallClock) {
        this.publisher = publisher;
        this.wallClock = wallClock;
    }

    public void emit(App app, Worker w, String kind, Map<String, Object> extra) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", kind);
        e.put("app", app.name());
        e.put("id", w.id());
        e.put("instance", w.instance());
        e.put("ts", wallClock.getAsLong());
        if (w.process() != null) e.put("pid", w.process().pid());
        e.putAll(extra);
        publisher.accept(Topics.event(app.name()), e);
    }
}
