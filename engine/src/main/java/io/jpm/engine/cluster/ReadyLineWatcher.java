package io.jpm.engine.cluster;

import io.jpm.engine.logs.LogPump;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Watches a worker process's stdout for the app's ready line ({@code wait_ready} with {@code ready_line}): the first
 * line that contains it completes {@link #seen()}. Called on the log reader's thread for every line, so it compares
 * bytes and allocates nothing; once the line was seen it only returns.
 */
final class ReadyLineWatcher implements LogPump.LineWatcher {
    private final byte[] readyLine;
    private final CompletableFuture<Void> seen = new CompletableFuture<>();

    ReadyLineWatcher(String readyLine) {
        this.readyLine = readyLine.getBytes(StandardCharsets.UTF_8);
    }

    CompletableFuture<Void> seen() {
        return seen;
    }

    @Override
    public void line(byte[] bytes, int offset, int length) {
        if (seen.isDone()) return;
        if (contains(bytes, offset, length)) seen.complete(null);
    }

    private boolean contains(byte[] bytes, int offset, int length) {
        int last = offset + length - readyLine.length;
        outer:
        for (int i = offset; i <= last; i++) {
            for (int j = 0; j < readyLine.length; j++) {
                if (bytes[i + j] != readyLine[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
