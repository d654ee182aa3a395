package io.jpm.engine.nodeipc;

import io.jpm.engine.process.Epoll;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.UnixStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The daemon's ends of node's IPC channels, one per node worker process (node finds its end at
 * {@code NODE_CHANNEL_FD}), keyed by the worker's pid.
 *
 * <p>Threading: one named thread, {@code jpm-node-ipc}, reads every channel in one epoll set, as the log reader does
 * for the FIFOs: a thread per worker would cost a stack per node app for channels that are silent nearly always. It
 * splits lines, parses them ({@link NodeWire}) and hands each message to the listener, which should pass it to the
 * actor. Sends come from any thread (the actor's) and never block: a full buffer drops the message. A channel's
 * descriptor is closed by the reader thread alone, after {@link #forget} shut it down, so no send writes to a reused
 * number.
 *
 * <p>A worker cannot hurt the daemon through its channel: a line longer than {@link #MAX_LINE} is dropped up to its
 * newline; only {@code "ready"} and node's cluster messages are looked at, the rest (the app's own messages) dropped
 * unparsed; cluster messages beyond {@link #MAX_PER_SECOND} in a second are dropped, logged once per channel; a read
 * takes at most 64 KiB before the next channel's turn.
 */
public final class NodeChannels implements AutoCloseable {
    /** Told on the reader thread. */
    public interface Listener {
        void received(long pid, NodeMessage message);
    }

    /** A channel made for a process about to start: {@code theirs} goes to the child, then {@link #attach}. */
    public record Pending(int ours, int theirs) {
        /** Closes both ends: the process did not start. */
        public void discard() {
            Posix.close(ours);
            Posix.close(theirs);
        }
    }

    static final int MAX_LINE = 64 * 1024;
    static final int MAX_PER_SECOND = 500;
    private static final int READ = 64 * 1024;
    /** {@code process.send('ready')} as node writes it. */
    private static final String READY = "\"ready\"";
    /** What every message of node's cluster protocol contains. */
    private static final String CLUSTER = "\"NODE_CLUSTER\"";

    private final Listener listener;
    private final Consumer<String> warn;
    private final LongSupplier nanoClock;
    private final Epoll epoll;
    private final Thread reader;
    /** Open channels by pid; added by {@link #attach} on any thread, removed by the reader thread. */
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();

    private volatile boolean closed;

    private NodeChannels(Listener listener, Consumer<String> warn, LongSupplier nanoClock) throws IOException {
        this.listener = listener;
        this.warn = warn;
        this.nanoClock = nanoClock;
        this.epoll = new Epoll(64);
        this.reader = new Thread(this::run, "jpm-node-ipc");
        reader.setDaemon(true);
    }

    public static NodeChannels start(Listener listener, Consumer<String> warn, LongSupplier nanoClock)
            throws IOException {
        NodeChannels c = new NodeChannels(listener, warn, nanoClock);
        c.reader.start();
        return c;
    }

    /** A new connected pair; the caller passes {@code theirs} to the child and closes it after the spawn. */
    public Pending open() throws IOException {
        int[] fds = UnixStream.pair();
        return new Pending(fds[0], fds[1]);
    }

    /** The process {@code pid} started with {@code p.theirs()}: its messages are read from now on. */
    public void attach(Pending p, long pid) throws IOException {
        Posix.close(p.theirs());
        Channel c = new Channel(pid, p.ours());
        Channel old = channels.put(pid, c);
        if (old != null) old.shutdown();
        try {
            epoll.add(p.ours(), pid);
        } catch (IOException e) {
            channels.remove(pid, c);
            c.close();
            throw e;
        }
    }

    /** Sends one message; false when the worker has no open channel or its buffer is full. */
    public boolean send(long pid, String json) {
        return send(pid, json, -1);
    }

    /** Sends one message with descriptor {@code fd} attached (node's handle passing); false when not sent. */
    public boolean send(long pid, String json, int fd) {
        Channel c = channels.get(pid);
        return c != null && c.send((json + "\n").getBytes(StandardCharsets.UTF_8), fd);
    }

    /**
     * Answers a cluster worker's {@code queryServer}: {@code errno} 0 with the listening socket {@code fd} attached
     * (node's {@code net.Native} handle), or a libuv error code and no descriptor. False when not sent.
     */
    public boolean answer(long pid, NodeMessage.QueryServer q, int errno, int fd) {
        String reply = NodeWire.reply(q, errno);
        return fd < 0 ? send(pid, reply) : send(pid, NodeWire.withHandle(reply), fd);
    }

    /** True while {@code pid} has an open channel. */
    public boolean connected(long pid) {
        return channels.containsKey(pid);
    }

    /** The process exited or is no longer ours: its channel is shut down (and closed by the reader thread). */
    public void forget(long pid) {
        Channel c = channels.get(pid);
        if (c != null) c.shutdown();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ);
        while (!closed) {
            try {
                int n = epoll.await(1000);
                for (int i = 0; i < n; i++) {
                    Channel c = channels.get(epoll.token(i));
                    if (c != null) readFrom(c, buffer);
                }
            } catch (Exception e) {
                if (closed) return;
                warn.accept("node IPC reader: " + e);
            }
        }
    }

    private void readFrom(Channel c, ByteBuffer buffer) {
        int n;
        try {
            n = c.fd < 0 ? 0 : Posix.read(c.fd, buffer, READ);
        } catch (IOException e) {
            n = 0; // a reset counts as the end
        }
        if (n == Posix.WOULD_BLOCK) return;
        if (n == 0) {
            epoll.remove(c.fd);
            channels.remove(c.pid, c);
            c.close();
            return;
        }
        byte[] bytes = new byte[n];
        buffer.get(bytes, 0, n);
        c.lines.feed(bytes, line -> deliver(c, line));
    }

    private void deliver(Channel c, String line) {
        if (line.equals(READY)) {
            listener.received(c.pid, new NodeMessage.Ready());
            return;
        }
        if (!line.startsWith("{") || !line.contains(CLUSTER)) return; // a user's message: not even parsed
        if (!c.rate.admit(nanoClock.getAsLong())) {
            if (!c.warnedRate)
                warn.accept("pid " + c.pid + " sends more than " + MAX_PER_SECOND
                        + " cluster messages a second; the excess is dropped");
            c.warnedRate = true;
            return;
        }
        NodeMessage m = NodeWire.parse(line);
        if (!(m instanceof NodeMessage.Other)) listener.received(c.pid, m);
    }

    /** Stops the reader and closes every channel; the workers keep running. */
    @Override
    public void close() {
        closed = true;
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Channel c : channels.values()) c.close();
        channels.clear();
        epoll.close();
    }

    /** One worker's channel. Its descriptor is written under its lock and closed there once. */
    private final class Channel {
        final long pid;
        /** -1 once closed; read by the reader thread, changed under the lock. */
        volatile int fd;

        final LineSplitter lines;
        final Rate rate = new Rate();
        boolean warnedRate;

        Channel(long pid, int fd) {
            this.pid = pid;
            this.fd = fd;
            this.lines = new LineSplitter(pid);
        }

        synchronized boolean send(byte[] data, int passFd) {
            int off = 0;
            try {
                for (int tries = 0; off < data.length && tries < 100; tries++) {
                    if (fd < 0) return false;
                    int n = UnixStream.send(fd, data, off, off == 0 ? passFd : -1);
                    if (n == UnixStream.WOULD_BLOCK) {
                        if (off == 0) return false; // nothing sent: the message is dropped whole
                        Thread.onSpinWait(); // half a line sent: finish it, or the stream is garbage
                        continue;
                    }
                    off += n;
                }
            } catch (IOException e) {
                return false;
            }
            return off == data.length;
        }

        synchronized void shutdown() {
            if (fd >= 0) UnixStream.shutdown(fd);
        }

        synchronized void close() {
            if (fd >= 0) Posix.close(fd);
            fd = -1;
        }
    }

    /** Splits a byte stream into lines, dropping any line longer than {@link #MAX_LINE} (logged once). */
    private final class LineSplitter {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final long pid;
        private boolean skipping;
        private boolean warned;

        LineSplitter(long pid) {
            this.pid = pid;
        }

        void feed(byte[] bytes, Consumer<String> onLine) {
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] != '\n') continue;
                take(bytes, start, i - start);
                if (!skipping) onLine.accept(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
                skipping = false;
                start = i + 1;
            }
            take(bytes, start, bytes.length - start);
        }

        private void take(byte[] bytes, int from, int count) {
            if (skipping || count == 0) return;
            if (partial.size() + count > MAX_LINE) {
                skipping = true;
                partial.reset();
                if (!warned)
                    warn.accept("pid " + pid + " sent an IPC message longer than " + MAX_LINE + " bytes; dropped");
                warned = true;
                return;
            }
            partial.write(bytes, from, count);
        }
    }

    /** At most {@link #MAX_PER_SECOND} messages in each one-second window. */
    private static final class Rate {
        private long windowStart = Long.MIN_VALUE;
        private int count;

        boolean admit(long nowNanos) {
            if (windowStart == Long.MIN_VALUE || nowNanos - windowStart >= 1_000_000_000L) {
                windowStart = nowNanos;
                count = 0;
            }
            return ++count <= MAX_PER_SECOND;
        }
    }
}
