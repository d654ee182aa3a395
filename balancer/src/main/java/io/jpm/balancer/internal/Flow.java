package io.jpm.balancer.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * Moves bytes one way, from a source socket to a sink socket, and carries the source's end of stream across.
 *
 * <p>Back-pressure: a flow holds at most one buffer. It reads only while that buffer is empty, so when the sink does
 * not take what was read, the flow stops reading until it does and the source's sender is slowed by TCP itself.
 * Reading is the common case: a read is written out at once and the buffer goes back to the pool, so an idle or
 * keeping-up connection holds no buffer at all.
 */
final class Flow {

    /** Reads per readiness event, at most, so that one busy connection does not starve the others on its thread. */
    private static final int MAX_READS_PER_EVENT = 8;

    private final SocketChannel source;
    private final SocketChannel sink;
    private final BufferPool pool;
    private final LongAdder written;

    /** Bytes read from the source and not yet written to the sink, in read mode; null when there are none. */
    private ByteBuffer pending;

    /** The source has reached end of stream (all its bytes are written, since reads stop while some are pending). */
    private boolean ended;

    Flow(SocketChannel source, SocketChannel sink, BufferPool pool, LongAdder written) {
        this.source = source;
        this.sink = sink;
        this.pool = pool;
        this.written = written;
    }

    boolean wantsRead() {
        return !ended && pending == null;
    }

    boolean wantsWrite() {
        return pending != null;
    }

    /** Whether the source has ended and the sink's output has been shut down to say so. */
    boolean finished() {
        return ended;
    }

    /** Reads from the source and writes to the sink until either would block. Returns whether any bytes moved. */
    boolean onReadable() throws IOException {
        boolean moved = false;
        for (int i = 0; i < MAX_READS_PER_EVENT && wantsRead(); i++) {
            ByteBuffer buffer = pool.acquire();
            int n;
            try {
                n = source.read(buffer);
            } catch (IOException e) {
                pool.release(buffer);
                throw e;
            }
            if (n <= 0) {
                pool.release(buffer);
                if (n < 0) {
                    ended = true;
                    sink.shutdownOutput();
                }
                return moved;
            }
            moved = true;
            boolean full = !buffer.hasRemaining();
            buffer.flip();
            pending = buffer;
            flush();
            if (!full) {
                break;
            }
        }
        return moved;
    }

    /** Writes pending bytes to the sink. Returns whether any bytes moved. */
    boolean onWritable() throws IOException {
        return pending != null && flush() > 0;
    }

    /** Returns the buffer, if any, to the pool; for when the connection closes. */
    void release() {
        if (pending != null) {
            pool.release(pending);
            pending = null;
        }
    }

    private int flush() throws IOException {
        int n = sink.write(pending);
        written.add(n);
        if (!pending.hasRemaining()) {
            pool.release(pending);
            pending = null;
        }
        return n;
    }
}
