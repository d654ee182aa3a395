package io.jpm.ipc.wire;

import io.jpm.ipc.Json;
import io.jpm.ipc.Topics;
import java.io.IOException;
import java.util.Optional;

/** A message the daemon publishes, typed by its topic: {@code stats}, {@code view.stats}, {@code event.<app>}, {@code log.<app>.<stream>}. */
public sealed interface Published
        permits Stats, ConsoleStats, WorkerEvent, LogBatch, Published.Hello, Published.Skipped {

    /** The answer on a {@code hello.<token>} topic: the subscriptions sent before it are in effect. */
    record Hello(String topic) implements Published {}

    /** On {@code view.skipped} (or a share's, {@code view<n>.skipped}): how many log lines the display-rate stream left out since its last message. */
    record Skipped(long lines) implements Published {}

    /** The message of {@code topic} with JSON {@code body}; empty for a topic no record describes. */
    static Optional<Published> read(String topic, byte[] body) throws IOException {
        if (topic.equals(Topics.STATS)) return Optional.of(Wire.read(body, Stats::read));
        if (topic.startsWith(Topics.EVENT_PREFIX)) return Optional.of(Wire.read(body, WorkerEvent::read));
        if (topic.startsWith(Topics.LOG_PREFIX)) return Optional.of(Wire.read(body, LogBatch::read));
        if (topic.equals(Topics.VIEW_STATS)) return Optional.of(Wire.read(body, ConsoleStats::read));
        if (Topics.isViewSkipped(topic)) {
            return Optional.of(
                    new Skipped(Json.MAPPER.readTree(body).path("lines").asLong()));
        }
        if (Topics.isViewLog(topic)) {
            return Optional.of(Wire.read(body, LogBatch::read));
        }
        if (topic.startsWith(Topics.HELLO_PREFIX)) return Optional.of(new Hello(topic));
        return Optional.empty();
    }
}
