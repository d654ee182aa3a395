package io.jpm.balancer;

import io.jpm.balancer.internal.Backends;
import io.jpm.balancer.internal.IoLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Owns one public TCP port and spreads its connections over the backends in rotation.
 *
 * <p>Threading: {@link BalancerConfig#ioThreads()} selector threads ({@code jpm-balancer-io-PORT-N}) share the
 * non-blocking listening socket; the thread that accepts a client alone then connects it to a backend and moves its
 * bytes, without blocking, until the connection ends. The public methods
 * may be called from any thread: backend changes take a lock that selector threads never wait on to pick a backend, and
 * counters are atomics read without stopping traffic. Drain futures complete on the common pool, never on a selector
 * thread, so callers may chain slow work onto them.
 */
public final class Balancer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Balancer.class.getName());

    /** The accept queue asked for; Linux caps it at net.core.somaxconn. */
    private static final int BACKLOG = 4096;

    /** How long {@link #close()} waits for the threads, in all. */
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Longer durations are cut down to this, so that deadlines in nanoseconds cannot overflow. */
    private static final Duration LONGEST_WAIT = Duration.ofDays(365L * 100);

    private final ServerSocketChannel listener;
    private final int port;
    private final Backends backends;
    private final List<IoLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder rejected = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Balancer(BalancerConfig config, ServerSocketChannel listener) throws IOException {
        this.listener = listener;
        this.port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        this.backends = new Backends(config.strategy());
        long connectNanos = nanos(config.connectTimeout());
        long idleNanos = nanos(config.idleTimeout());
        try {
            for (int i = 0; i < config.ioThreads(); i++) {
                IoLoop loop = new IoLoop(backends, connectNanos, idleNanos, rejected);
                loops.add(loop);
                loop.listen(listener);
                threads.add(newThread("jpm-balancer-io-" + port + "-" + i, loop));
            }
        } catch (IOException | RuntimeException e) {
            loops.forEach(IoLoop::closeUnstarted);
            throw e;
        }
    }

    /**
     * Binds the public port and starts the threads. The balancer routes nothing until a backend is added.
     *
     * @throws BindException if the port is in use or may not be bound, with the address in the message
     */
    public static Balancer start(BalancerConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        InetSocketAddress bindTo = config.host() == null
                ? new InetSocketAddress(config.port())
                : new InetSocketAddress(config.host(), config.port());
        if (bindTo.isUnresolved()) {
            throw new IOException("cannot resolve host to listen on: " + config.host());
        }
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(bindTo, BACKLOG);
            listener.configureBlocking(false);
        } catch (IOException e) {
            listener.close();
            String where = (config.host() == null ? "*" : config.host()) + ":" + config.port();
            IOException failure = e instanceof BindException
                    ? new BindException("cannot listen on " + where + ": " + e.getMessage())
                    : new IOException("cannot listen on " + where + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        Balancer balancer;
        try {
            balancer = new Balancer(config, listener);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        balancer.threads.forEach(Thread::start);
        return balancer;
    }

    /** The port actually bound, which differs from the configured one when that was 0. */
    public int port() {
        return port;
    }

    /**
     * Puts a backend in rotation. Adding an id that is already known moves it to {@code address} and puts it back in
     * rotation; a drain of it that is still waiting fails with a {@link java.util.concurrent.CancellationException}.
     */
    public void addBackend(int id, InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("backend address is unresolved: " + address);
        }
        if (address.getPort() == 0) {
            throw new IllegalArgumentException("backend port is 0: " + address);
        }
        if (closed.get()) {
            throw new IllegalStateException("balancer on port " + port + " is closed");
        }
        backends.add(id, address);
    }

    /**
     * Takes a backend out of rotation at once. Its open connections go on until they end; it stays in {@link #stats()}
     * until then. Unknown ids are ignored.
     */
    public void removeBackend(int id) {
        backends.remove(id);
    }

    /**
     * Takes a backend out of rotation and waits for its connections to end. The future completes when the last one has
     * closed, or when {@code timeout} has passed and the balancer has closed the rest; it completes at once if the
     * backend is unknown or has none.
     */
    public CompletableFuture<Void> drain(int id, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout < 0: " + timeout);
        }
        Backends.Drain drain = backends.drain(id);
        if (drain == null) {
            return CompletableFuture.completedFuture(null);
        }
        long deadline = System.nanoTime() + nanos(timeout);
        for (IoLoop loop : loops) {
            loop.schedule(deadline, () -> {
                int closedCount = loop.closeDrained(drain.backend(), drain.epoch());
                if (closedCount > 0) {
                    LOG.log(
                            Level.WARNING,
                            "drain of backend {0} timed out after {1}; closed {2} connection(s)",
                            id,
                            timeout,
                            closedCount);
                }
            });
        }
        if (closed.get()) {
            backends.completeAllDrains();
        }
        return drain.done();
    }

    /** A snapshot of every backend in rotation or with open connections, in id order. */
    public List<BackendStats> stats() {
        return backends.stats();
    }

    /** Clients that were closed unserved because no backend in rotation took their connection. */
    public long rejectedConnections() {
        return rejected.sum();
    }

    /**
     * Stops accepting, closes every connection and waits, five seconds at most, for the threads to end. Pending drains
     * complete. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        try {
            listener.close(); // the port is released when the last loop's selector lets go of it, before the joins end
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close port " + port, e);
        }
        loops.forEach(IoLoop::stop);
        threads.forEach(thread -> join(thread, deadline));
        backends.completeAllDrains();
    }

    private static void join(Thread thread, long deadline) {
        if (thread == Thread.currentThread() || !thread.isAlive()) {
            return;
        }
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            if (!thread.join(Duration.ofNanos(left))) {
                LOG.log(Level.WARNING, "thread {0} did not end in time", thread.getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread newThread(String name, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(true).unstarted(body);
    }

    private static long nanos(Duration duration) {
        return (duration.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : duration).toNanos();
    }
}
