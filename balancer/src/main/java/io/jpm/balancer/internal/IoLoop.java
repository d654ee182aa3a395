package io.jpm.balancer.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One selector thread and the tunnels it owns: it accepts clients, connects them, moves their bytes, and times them out.
 *
 * <p>Other threads talk to a loop only through {@link #listen} (before the thread starts), {@link #adopt},
 * {@link #execute} and {@link #stop}, which queue work and wake the selector. Everything else here is touched by the
 * loop's own thread only. The loop catches every exception that a tunnel throws, aborts that tunnel and carries on.
 *
 * <p>Cost per proxied request, measured with strace under wrk keep-alive load: two reads and two writes, and an
 * epoll_wait for every seven requests or so; interest ops change only when a write is short, so no epoll_ctl.
 *
 * <p>It is long because it is the balancer's hot path in one place: the accept, connect, read, write and timeout
 * steps share the selector and its keys, and each one's cost is visible next to the others'.
 */
public final class IoLoop implements Runnable {

    private static final System.Logger LOG = System.getLogger(IoLoop.class.getName());
    private static final int BUFFER_SIZE = 32 * 1024;
    private static final int MAX_DIRECT_BUFFERS = 128;
    private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Selector selector;
    private final Backends backends;
    private final LongAdder rejected;
    private final long connectTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long sweepNanos;
    private final BufferPool pool = new BufferPool(BUFFER_SIZE, MAX_DIRECT_BUFFERS);

    /** Accepted clients handed over by other threads ({@link #adopt}). */
    private final ConcurrentLinkedQueue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
    /** Work handed over by other threads. */
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Set by the thread that wakes the selector, cleared by the loop before it drains the queues. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Cleared by {@link #stop()}; the loop then closes everything it owns and ends. */
    private volatile boolean running = true;

    private final Set<Tunnel> tunnels = new HashSet<>();
    private final Timers timers = new Timers();
    private long now = System.nanoTime();
    private long nextSweep = now;

    /**
     * @param connectTimeoutNanos how long a backend connect may take
     * @param idleTimeoutNanos how long an open tunnel may move no bytes, or 0 for ever
     * @param rejected counts clients that no backend took
     */
    public IoLoop(Backends backends, long connectTimeoutNanos, long idleTimeoutNanos, LongAdder rejected)
            throws IOException {
        this.backends = backends;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.sweepNanos = Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, idleTimeoutNanos / 8));
        this.rejected = rejected;
        this.selector = Selector.open();
    }

    /**
     * Makes this loop accept clients on {@code listener}, a non-blocking socket that other loops may share; call it
     * before the loop's thread starts. Closing the listener stops it.
     */
    public void listen(ServerSocketChannel listener) throws IOException {
        new Acceptor(this, listener);
    }

    /** Hands a client accepted elsewhere to this loop; may be called from any thread. */
    public void adopt(SocketChannel client) {
        incoming.add(client);
        wakeUp();
        if (!running) {
            closeIncoming();
        }
    }

    /** Runs {@code task} on this loop's thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        wakeUp();
    }

    /** Runs {@code task} on this loop's thread once {@code deadlineNanos} has passed. */
    public void schedule(long deadlineNanos, Runnable task) {
        execute(() -> timers.schedule(deadlineNanos, task));
    }

    /** Asks the loop to close its tunnels and end; join its thread to wait for that. */
    public void stop() {
        running = false;
        selector.wakeup();
    }

    /** Releases the selector of a loop whose thread was never started. */
    public void closeUnstarted() {
        running = false;
        shutDown();
    }

    /**
     * Closes this loop's tunnels to {@code backend} if it is still draining since {@code epoch}; returns how many.
     * Runs on the loop's thread.
     */
    public int closeDrained(Backend backend, long epoch) {
        if (backend.inRotation() || backend.epoch() != epoch) {
            return 0;
        }
        List<Tunnel> doomed = new ArrayList<>();
        for (Tunnel tunnel : tunnels) {
            if (tunnel.backend() == backend) {
                doomed.add(tunnel);
            }
        }
        doomed.forEach(Tunnel::close);
        return doomed.size();
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    turn();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "I/O loop error; carrying on", e);
                }
            }
        } finally {
            shutDown();
        }
    }

    private void turn() throws IOException {
        long timeout = selectTimeoutMillis();
        int ready = timeout == 0 ? selector.select() : selector.select(timeout);
        now = System.nanoTime();
        if (ready > 0) {
            Set<SelectionKey> keys = selector.selectedKeys();
            for (SelectionKey key : keys) {
                dispatch(key);
            }
            keys.clear();
        }
        wakeupPending.set(false);
        adoptIncoming();
        runTasks();
        runTimers();
        sweepIdle();
    }

    private void dispatch(SelectionKey key) {
        if (key.attachment() instanceof Acceptor acceptor) {
            acceptor.onAcceptable();
            return;
        }
        Tunnel tunnel = (Tunnel) key.attachment();
        try {
            tunnel.onReady(key);
        } catch (IOException e) {
            tunnel.abort();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "unexpected error in a connection; closing it", e);
            tunnel.abort();
        }
    }

    private void adoptIncoming() {
        SocketChannel client;
        while ((client = incoming.poll()) != null) {
            open(client);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
    }

    private void runTimers() {
        Runnable task;
        while ((task = timers.pollDue(now)) != null) {
            runSafely(task);
        }
    }

    private void sweepIdle() {
        if (idleTimeoutNanos == 0 || now - nextSweep < 0) {
            return;
        }
        nextSweep = now + sweepNanos;
        List<Tunnel> idle = new ArrayList<>();
        for (Tunnel tunnel : tunnels) {
            if (tunnel.isIdle(now, idleTimeoutNanos)) {
                idle.add(tunnel);
            }
        }
        idle.forEach(tunnel -> tunnel.close());
    }

    /** How long the selector may block: until the nearest deadline, or 0 (no limit) when there is none. */
    private long selectTimeoutMillis() {
        now = System.nanoTime();
        long wait = timers.nanosUntilNext(now);
        if (idleTimeoutNanos != 0 && !tunnels.isEmpty()) {
            wait = Math.min(wait, nextSweep - now);
        }
        if (wait == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "I/O loop task failed; carrying on", e);
        }
    }

    private void shutDown() {
        for (Tunnel tunnel : List.copyOf(tunnels)) {
            tunnel.close();
        }
        closeIncoming();
        tasks.clear();
        timers.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close a selector", e);
        }
    }

    private void closeIncoming() {
        SocketChannel client;
        while ((client = incoming.poll()) != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // Never adopted; nothing else to release.
            }
        }
    }

    private void wakeUp() {
        if (wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    // For tunnels, on this loop's thread.

    Selector selector() {
        return selector;
    }

    Backends backends() {
        return backends;
    }

    BufferPool pool() {
        return pool;
    }

    long now() {
        return now;
    }

    void rejected() {
        rejected.increment();
    }

    /** Opens a tunnel for a client this loop has just accepted or adopted. */
    void open(SocketChannel client) {
        Tunnel tunnel = new Tunnel(this, client);
        tunnels.add(tunnel);
        try {
            tunnel.start();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "could not start a connection", e);
            tunnel.abort();
        }
    }

    /** Runs {@code task} on this loop's thread once {@code delayNanos} have passed; called on this loop's thread. */
    void after(long delayNanos, Runnable task) {
        timers.schedule(now + delayNanos, task);
    }

    /** Gives the tunnel's current connect attempt until the connect timeout, then moves it on to the next backend. */
    void watchConnect(Tunnel tunnel, int attempt) {
        timers.schedule(now + connectTimeoutNanos, () -> {
            if (tunnel.isConnecting(attempt)) {
                try {
                    tunnel.connectTimedOut();
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "unexpected error in a connection; closing it", e);
                    tunnel.abort();
                }
            }
        });
    }

    void forget(Tunnel tunnel) {
        tunnels.remove(tunnel);
    }
}
