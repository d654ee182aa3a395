package io.jpm.engine.logs;

import io.jpm.engine.process.Epoll;
import io.jpm.engine.process.Posix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Reads the output FIFOs of every worker on one thread, {@code jpm-log-reader}, with epoll, and hands the bytes to
 * each stream's {@link LogPump}. Two hundred workers cost one thread, not four hundred.
 *
 * <p><b>Threads.</b> {@link #add} may be called from any thread (the supervisor's); the loop, every pump and every
 * read end belong to {@code jpm-log-reader}. A pump that fails (a full disk) is reported and fed on, so that its
 * worker never blocks on a pipe nobody drains.
 *
 * <p><b>Fairness and back-pressure.</b> Each ready FIFO gets at most {@link #READS_PER_TURN} reads of
 * {@link #CHUNK} bytes per turn of the loop, so a worker that floods its output cannot starve the others: it waits in
 * {@code write} once its pipe is full, and the daemon's memory stays bounded by chunk size, not by the flood. A FIFO
 * that fills a whole chunk gets a larger kernel buffer (best effort), so a busy stream costs fewer wake-ups.
 *
 * <p><b>End of stream.</b> A FIFO reports a hang-up once every writer is gone (the worker and any child holding its
 * output); the loop then reads what is left until {@code read} returns 0, and ends the pump.
 */
public final class LogReader implements AutoCloseable {
    static final int CHUNK = 64 * 1024;
    static final int READS_PER_TURN = 4;
    private static final int BUSY_PIPE_BYTES = 1024 * 1024;
    private static final int MAX_EVENTS = 256;

    /** One watched read end; touched only by the loop once added. */
    private static final class Source {
        final int fd;
        final LogPump pump;
        boolean grown;
        boolean failed;

        Source(int fd, LogPump pump) {
            this.fd = fd;
            this.pump = pump;
        }
    }

    private final DaemonLog log;
    private final LongSupplier clockMillis;
    /** Sources by token; written by {@link #add} on any thread, removed by the loop. */
    private final Map<Long, Source> sources = new ConcurrentHashMap<>();

    private final AtomicLong tokens = new AtomicLong();
    private volatile boolean running = true;
    /** Created with the thread by the first {@link #add}, so that a daemon with no apps loads no native code. */
    private Epoll epoll;

    private Thread thread;

    public LogReader(DaemonLog log, LongSupplier clockMillis) {
        this.log = log;
        this.clockMillis = clockMillis;
    }

    /** Starts feeding {@code pump} from the non-blocking read end {@code fd}, which this reader now owns. */
    public void add(int fd, LogPump pump) throws IOException {
        Epoll epoll;
        try {
            epoll = started();
        } catch (IOException | RuntimeException e) {
            Posix.close(fd);
            throw e;
        }
        long token = tokens.incrementAndGet();
        sources.put(token, new Source(fd, pump));
        try {
            epoll.add(fd, token);
        } catch (IOException e) {
            sources.remove(token);
            Posix.close(fd);
            throw e;
        }
    }

    private synchronized Epoll started() throws IOException {
        if (epoll == null) {
            epoll = new Epoll(MAX_EVENTS);
            thread = new Thread(null, this::loop, "jpm-log-reader", 512 * 1024);
            thread.setDaemon(true);
            thread.start();
        }
        return epoll;
    }

    /** How many streams are being read. */
    public int streams() {
        return sources.size();
    }

    private void loop() {
        Epoll epoll;
        synchronized (this) {
            epoll = this.epoll;
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
        byte[] chunk = new byte[CHUNK];
        while (running) {
            try {
                int ready = epoll.await(1_000);
                for (int i = 0; i < ready; i++) {
                    long token = epoll.token(i);
                    Source s = sources.get(token);
                    if (s != null) drain(epoll, token, s, direct, chunk);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("log reader: " + e);
            }
        }
    }

    private void drain(Epoll epoll, long token, Source s, ByteBuffer direct, byte[] chunk) {
        for (int r = 0; r < READS_PER_TURN; r++) {
            int n;
            try {
                n = Posix.read(s.fd, direct, CHUNK);
            } catch (IOException e) {
                log.warn("log " + s.pump.name() + ": " + e.getMessage() + "; stream closed");
                end(epoll, token, s);
                return;
            }
            if (n == Posix.WOULD_BLOCK) return;
            if (n == 0) {
                end(epoll, token, s);
                return;
            }
            direct.get(chunk, 0, n);
            try {
                s.pump.chunk(chunk, n, clockMillis.getAsLong());
                reportLost(s, "writing again");
            } catch (IOException | RuntimeException e) {
                if (!s.failed) {
                    log.warn("log " + s.pump.name() + ": cannot write (" + e
                            + "); lines that cannot be written are counted until it can");
                }
                s.failed = true;
            }
            if (n < CHUNK) return; // the pipe is empty now; epoll says when there is more
            if (!s.grown) {
                Posix.growPipe(s.fd, BUSY_PIPE_BYTES);
                s.grown = true;
            }
        }
    }

    private void end(Epoll epoll, long token, Source s) {
        sources.remove(token);
        epoll.remove(s.fd);
        Posix.close(s.fd);
        try {
            s.pump.end(clockMillis.getAsLong());
        } catch (IOException | RuntimeException e) {
            log.warn("log " + s.pump.name() + ": " + e);
        }
        reportLost(s, "stream ended");
    }

    /** Says in the daemon's log how many lines a full disk cost since the last report, once it is over. */
    private void reportLost(Source s, String why) {
        long lost = s.pump.takeUnwritten();
        if (lost > 0 || s.failed) {
            log.warn("log " + s.pump.name() + ": " + why + "; " + lost + " lines could not be written and are lost");
        }
        s.failed = false;
    }

    /** Stops the loop and closes every read end (the files stay open: their owners close them). */
    @Override
    public void close() {
        Thread t;
        Epoll e;
        synchronized (this) {
            running = false;
            t = thread;
            e = epoll;
        }
        if (t == null) return;
        try {
            t.join(2_000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) log.warn("log reader did not stop within 2 s");
        for (Source s : sources.values()) Posix.close(s.fd);
        sources.clear();
        e.close();
    }
}
