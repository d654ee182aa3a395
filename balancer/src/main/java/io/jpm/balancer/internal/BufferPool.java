package io.jpm.balancer.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Lends fixed-size buffers to the connections of one I/O thread, so it is not thread-safe.
 *
 * <p>At most {@code maxDirect} direct buffers are ever allocated, and they are reused for the life of the pool. When all
 * of them are lent out, which takes that many stalled connections, a heap buffer is lent instead and left to the
 * garbage collector on return, so direct memory stays bounded however many connections stall.
 */
final class BufferPool {

    private final int bufferSize;
    private final int maxDirect;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int directAllocated;

    BufferPool(int bufferSize, int maxDirect) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize < 1: " + bufferSize);
        }
        if (maxDirect < 0) {
            throw new IllegalArgumentException("maxDirect < 0: " + maxDirect);
        }
        this.bufferSize = bufferSize;
        this.maxDirect = maxDirect;
    }

    /** Returns an empty buffer in write mode. */
    ByteBuffer acquire() {
        ByteBuffer buffer = free.pollLast();
        if (buffer != null) {
            return buffer;
        }
        if (directAllocated < maxDirect) {
            directAllocated++;
            return ByteBuffer.allocateDirect(bufferSize);
        }
        return ByteBuffer.allocate(bufferSize);
    }

    /** Takes back a buffer from {@link #acquire()}; the caller must not touch it afterwards. */
    void release(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            buffer.clear();
            free.addLast(buffer);
        }
    }

    int directAllocated() {
        return directAllocated;
    }

    int idle() {
        return free.size();
    }
}
