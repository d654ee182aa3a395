package io.jpm.ipc;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Calls a {@link ControlServer.Handler} and turns its outcome, failures included, into the reply to send. */
final class HandlerCalls {
    private HandlerCalls() {}

    /** The handler's future; a handler that throws or returns null still yields a future. */
    static CompletableFuture<Reply> call(ControlServer.Handler handler, Request<?> request) {
        try {
            CompletableFuture<Reply> f = handler.handle(request);
            return f == null ? CompletableFuture.completedFuture(Reply.ok(null)) : f;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The reply of a completed future: its value, or the error code its exception maps to. */
    static Reply replyOf(CompletableFuture<Reply> future, Consumer<String> log) {
        try {
            Reply r = future.join();
            return r == null ? Reply.ok(null) : r;
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CommandException ce) return Reply.error(ce.code(), ce.getMessage());
            if (cause instanceof IllegalArgumentException) {
                return Reply.error(ErrorCode.BAD_ARGUMENT, String.valueOf(cause.getMessage()));
            }
            log.accept("command failed: " + cause);
            return Reply.error(ErrorCode.INTERNAL, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }
}
