package io.jpm.engine.logs;

import io.jpm.ipc.wire.WireValue;
import java.util.function.Consumer;

/** A {@link Publisher} that hands every message (a record, or a log batch's bytes) to a test's consumer. */
public final class RecordingPublisher implements Publisher {
    private final Consumer<Object> into;

    public RecordingPublisher(Consumer<Object> into) {
        this.into = into;
    }

    /** One that keeps nothing. */
    public RecordingPublisher() {
        this(m -> {});
    }

    @Override
    public void publish(String topic, WireValue message) {
        into.accept(message);
    }

    @Override
    public void publishLogs(String topic, byte[] batchJson) {
        into.accept(batchJson);
    }
}
