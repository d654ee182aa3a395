package io.jpm.engine.supervise;

import io.jpm.engine.persist.DumpStore;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Tells the rest of the daemon that workers changed, and keeps state.json (the live state a daemon that crashed
 * recovers from) in step: every change queues one write, so that a burst of changes costs one. Runs on the actor.
 */
public final class Persistence {
    private final Apps apps;
    private final DumpStore dump;
    private final Path stateFile;
    private final Executor actor;
    private final Runnable listeners;
    private boolean queued;
    private boolean closed;

    /** {@code listeners} runs on every change, before the dump is queued (the sampler's list, the balancers). */
    public Persistence(Apps apps, DumpStore dump, Path stateFile, Executor actor, Runnable listeners) {
        this.apps = apps;
        this.dump = dump;
        this.stateFile = stateFile;
        this.actor = actor;
        this.listeners = listeners;
    }

    /** Workers or apps changed: tell the listeners and queue a write of state.json. */
    public void changed() {
        try {
            listeners.run();
        } finally {
            queueDump(); // a listener that throws (logged by the actor) must not cost the apps their record
        }
    }

    private void queueDump() {
        if (queued || closed) return;
        queued = true;
        actor.execute(() -> {
            queued = false;
            if (!closed) dump.save(snapshot());
        });
    }

    /**
     * Completes once state.json holds every change made before this call: a write queued by {@link #changed} runs on
     * the actor before this call's task does (the actor runs its tasks in order), then the writer is waited for.
     */
    CompletableFuture<Void> written() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        actor.execute(() -> dump.whenWritten().whenComplete((v, e) -> f.complete(null)));
        return f;
    }

    /** Writes the apps as they are now to {@code file} ({@code jpm save}). */
    void saveTo(Path file) {
        try {
            DumpStore.write(file, snapshot());
        } catch (IOException e) {
            throw new CommandException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage());
        }
    }

    DumpStore store() {
        return dump;
    }

    /** Writes the last state and stops writing, so that a next daemon adopts the workers left running. */
    void close() {
        dump.save(snapshot());
        closed = true;
        dump.close();
    }

    /** Stops writing and removes state.json: every app was stopped on purpose, the next daemon starts empty. */
    void forget() {
        closed = true;
        try {
            dump.forget();
        } catch (IOException e) {
            throw new CommandException(ErrorCode.INTERNAL, "cannot remove " + stateFile + ": " + e.getMessage());
        }
    }

    private DumpStore.Snapshot snapshot() {
        return Recovery.snapshot(apps.all(), apps.nextId());
    }
}
