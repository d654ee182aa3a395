package io.jpm.balancer.internal;

import io.jpm.balancer.BackendStats;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** One worker as the balancer sees it: its address, whether it is in rotation, and its counters. */
public final class Backend {

    /** How long a backend whose connect failed is skipped while other backends can take the connection. */
    static final long DOWN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long UP = Long.MIN_VALUE;

    final int id;

    /** Written by {@link Backends} under its lock; read by I/O threads when they open a connection. */
    private volatile InetSocketAddress address;

    /**
     * Written by {@link Backends} under its lock. I/O threads read it after claiming a slot in {@link #active}, which
     * with the registry's write-then-read of {@code active} keeps a connection from landing on a drained backend.
     */
    private volatile boolean inRotation = true;

    /** The nanoTime until which pickers prefer other backends, or {@link #UP}; written by I/O threads. */
    private volatile long downUntil = UP;

    /** Bumped each time the backend is added again, so that an older drain's deadline closes nothing. */
    private volatile long epoch;

    /** Connections assigned to this backend, connecting or open; changed by I/O threads. */
    final AtomicInteger active = new AtomicInteger();

    final LongAdder total = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder failedConnects = new LongAdder();
    final LongAdder aborted = new LongAdder();

    /** Drains waiting for {@link #active} to reach 0. Guarded by the {@link Backends} lock. */
    private final List<CompletableFuture<Void>> drainWaiters = new ArrayList<>();

    Backend(int id, InetSocketAddress address) {
        this.id = id;
        this.address = address;
    }

    InetSocketAddress address() {
        return address;
    }

    boolean inRotation() {
        return inRotation;
    }

    long epoch() {
        return epoch;
    }

    /** Whether pickers should skip this backend at {@code nowNanos} because a recent connect to it failed. */
    boolean isDown(long nowNanos) {
        long until = downUntil;
        return until != UP && nowNanos - until < 0;
    }

    /** Counts a refused or timed-out connect and marks the backend down for {@link #DOWN_NANOS}. */
    void connectFailed(long nowNanos) {
        failedConnects.increment();
        downUntil = nowNanos + DOWN_NANOS;
    }

    // Called by Backends under its lock.

    void rejoin(InetSocketAddress newAddress) {
        address = newAddress;
        downUntil = UP;
        epoch++;
        inRotation = true;
    }

    void leaveRotation() {
        inRotation = false;
    }

    void addDrainWaiter(CompletableFuture<Void> waiter) {
        drainWaiters.add(waiter);
    }

    List<CompletableFuture<Void>> takeDrainWaiters() {
        List<CompletableFuture<Void>> taken = List.copyOf(drainWaiters);
        drainWaiters.clear();
        return taken;
    }

    BackendStats stats() {
        return new BackendStats(
                id,
                address,
                inRotation,
                active.get(),
                total.sum(),
                bytesIn.sum(),
                bytesOut.sum(),
                failedConnects.sum(),
                aborted.sum());
    }

    @Override
    public String toString() {
        return "backend " + id + " at " + address;
    }
}
