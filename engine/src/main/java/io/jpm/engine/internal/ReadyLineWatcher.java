package io.jpm.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Sits between a worker process's stdout pump and the event bus and notices the app's ready line ({@code wait_ready}
 * with {@code ready_line}): the first published line that contains it completes {@link #seen()}. Runs on the pump's
 * thread; once the line was seen it only passes messages on.
 */
final class ReadyLineWatcher implements BiConsumer<String, Object> {
    private final BiConsumer<String, Object> next;
    private final String readyLine;
    private final CompletableFuture<Void> seen = new CompletableFuture<>();

    ReadyLineWatcher(BiConsumer<String, Object> next, String readyLine) {
        this.next = next;
        this.readyLine = readyLine;
    }

    CompletableFuture<Void> seen() {
        return seen;
    }

    @Override
    public void accept(String topic, Object message) {
        if (!seen.isDone() && message instanceof Map<?, ?> m && m.get("lines") instanceof List<?> lines) {
            for (Object o : lines) {
                if (o instanceof LogPump.Line line && line.text().contains(readyLine)) {
                    seen.complete(null);
                    break;
                }
            }
        }
        next.accept(topic, message);
    }
}
