package io.jpm.balancer.internal;

import io.jpm.balancer.BackendStats;
import io.jpm.balancer.Strategy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The set of known backends and the rotation that new connections are picked from.
 *
 * <p>The daemon's threads change the set under this object's lock. I/O threads never take the lock to pick: they read
 * the published {@link #rotation} array and claim a slot with an atomic increment. A backend leaves the set once it is
 * out of rotation and its last connection has closed; that is also when its drains complete. Futures are completed
 * outside the lock and asynchronously, so no caller code ever runs on an I/O thread or under the lock.
 */
public final class Backends {

    private final Picker picker;

    /** Every backend that is in rotation or still has connections. Guarded by this. */
    private final Map<Integer, Backend> byId = new HashMap<>();

    /** The backends in rotation, in id order; replaced (never mutated) under the lock, read by I/O threads. */
    private volatile Backend[] rotation = new Backend[0];

    public Backends(Strategy strategy) {
        this.picker = Picker.of(strategy);
    }

    /** A drain that is waiting for connections to close; {@code backend} and {@code epoch} identify them. */
    public record Drain(Backend backend, long epoch, CompletableFuture<Void> done) {}

    /** Puts a backend in rotation, or back in rotation at a new address; a drain in progress for it is cancelled. */
    public void add(int id, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        List<CompletableFuture<Void>> cancelled = List.of();
        synchronized (this) {
            Backend backend = byId.get(id);
            if (backend == null) {
                byId.put(id, new Backend(id, address));
            } else {
                cancelled = backend.takeDrainWaiters();
                backend.rejoin(address);
            }
            publishRotation();
        }
        cancelled.forEach(waiter -> waiter.cancel(false));
    }

    /** Takes a backend out of rotation; its open connections go on. Returns false if the id is unknown. */
    public boolean remove(int id) {
        List<CompletableFuture<Void>> drained;
        synchronized (this) {
            Backend backend = byId.get(id);
            if (backend == null) {
                return false;
            }
            backend.leaveRotation();
            publishRotation();
            drained = forgetIfIdle(backend);
        }
        complete(drained);
        return true;
    }

    /**
     * Takes a backend out of rotation and returns a drain whose future completes when its last connection closes, or
     * null if the backend is unknown or has no connections.
     */
    public Drain drain(int id) {
        List<CompletableFuture<Void>> drained;
        synchronized (this) {
            Backend backend = byId.get(id);
            if (backend == null) {
                return null;
            }
            backend.leaveRotation();
            publishRotation();
            // Read after the volatile write above: an I/O thread that claimed a slot before it is counted here, and
            // one that claims a slot after it sees the backend out of rotation and gives the slot back.
            if (backend.active.get() != 0) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                backend.addDrainWaiter(done);
                return new Drain(backend, backend.epoch(), done);
            }
            drained = forgetIfIdle(backend);
        }
        complete(drained);
        return null;
    }

    /**
     * Picks a backend for a new connection and counts the connection on it, or returns null if every backend in
     * rotation is in {@code tried}. Called by I/O threads; a backend that loses a race with a drain goes into {@code
     * tried}.
     */
    Backend pick(List<Backend> tried, long nowNanos) {
        while (true) {
            Backend backend = picker.choose(rotation, tried, nowNanos);
            if (backend == null) {
                return null;
            }
            backend.active.incrementAndGet();
            if (backend.inRotation()) {
                return backend;
            }
            tried.add(backend);
            release(backend);
        }
    }

    /** Gives back a slot taken by {@link #pick}; called by I/O threads when a connection to the backend ends. */
    void release(Backend backend) {
        if (backend.active.decrementAndGet() == 0 && !backend.inRotation()) {
            List<CompletableFuture<Void>> drained;
            synchronized (this) {
                drained = forgetIfIdle(backend);
            }
            complete(drained);
        }
    }

    public synchronized List<BackendStats> stats() {
        return byId.values().stream()
                .sorted(Comparator.comparingInt(b -> b.id))
                .map(Backend::stats)
                .toList();
    }

    /** Completes every drain still waiting; for when the balancer has closed all connections. */
    public void completeAllDrains() {
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        synchronized (this) {
            byId.values().forEach(backend -> waiting.addAll(backend.takeDrainWaiters()));
        }
        complete(waiting);
    }

    private void complete(List<CompletableFuture<Void>> waiters) {
        assert !Thread.holdsLock(this);
        waiters.forEach(waiter -> waiter.completeAsync(() -> null));
    }

    /** Forgets a backend that is out of rotation and has no connections; returns its drains. Holds the lock. */
    private List<CompletableFuture<Void>> forgetIfIdle(Backend backend) {
        if (backend.inRotation() || backend.active.get() != 0) {
            return List.of();
        }
        byId.remove(backend.id, backend);
        return backend.takeDrainWaiters();
    }

    private void publishRotation() {
        rotation = byId.values().stream()
                .filter(Backend::inRotation)
                .sorted(Comparator.comparingInt(b -> b.id))
                .toArray(Backend[]::new);
    }
}
