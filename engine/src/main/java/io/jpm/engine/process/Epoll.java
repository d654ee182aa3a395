package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * A Linux epoll instance, level-triggered, watching descriptors for input. Each descriptor is registered with a
 * caller-chosen token, which {@link #await} hands back for the ready ones.
 *
 * <p>{@link #add} and {@link #remove} may be called from any thread, also while another waits; {@link #await} and
 * the accessors of its results belong to one thread.
 */
public final class Epoll implements AutoCloseable {
    private interface Lib extends Library {
        int epoll_create1(int flags);

        int epoll_ctl(int epfd, int op, int fd, Pointer event);

        int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs);

        int close(int fd);
    }

    private static final Lib C = Native.load("c", Lib.class);

    public static final int IN = 0x001;
    public static final int ERR = 0x008;
    public static final int HUP = 0x010;

    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int CTL_ADD = 1;
    private static final int CTL_DEL = 2;
    private static final int EINTR = 4;
    /** struct epoll_event is packed on x86-64 (4 + 8 bytes) and naturally aligned elsewhere (4 + 4 pad + 8). */
    private static final boolean PACKED = Platform.isIntel() && Platform.is64Bit();

    private static final int EVENT_SIZE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;

    private final int fd;
    private final int maxEvents;
    private final Memory events;
    private int ready;

    public Epoll(int maxEvents) throws IOException {
        if (maxEvents < 1) throw new IllegalArgumentException("maxEvents < 1: " + maxEvents);
        this.fd = C.epoll_create1(EPOLL_CLOEXEC);
        if (fd < 0) throw new IOException("epoll_create1 failed (errno " + Native.getLastError() + ")");
        this.maxEvents = maxEvents;
        this.events = new Memory((long) EVENT_SIZE * maxEvents);
    }

    /** Watches {@code target} for input (hang-ups and errors are always reported). */
    public void add(int target, long token) throws IOException {
        try (Memory ev = new Memory(EVENT_SIZE)) {
            ev.clear();
            ev.setInt(0, IN);
            ev.setLong(DATA_OFFSET, token);
            if (C.epoll_ctl(fd, CTL_ADD, target, ev) != 0) {
                throw new IOException("epoll_ctl ADD fd " + target + " failed (errno " + Native.getLastError() + ")");
            }
        }
    }

    /** Stops watching {@code target}; quietly does nothing if it was not watched. */
    public void remove(int target) {
        try (Memory ev = new Memory(EVENT_SIZE)) {
            ev.clear();
            C.epoll_ctl(fd, CTL_DEL, target, ev);
        }
    }

    /** Waits up to {@code timeoutMs} (-1: for ever) for ready descriptors; returns how many (0 on timeout). */
    public int await(int timeoutMs) throws IOException {
        int n = C.epoll_wait(fd, events, maxEvents, timeoutMs);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == EINTR) n = 0;
            else throw new IOException("epoll_wait failed (errno " + errno + ")");
        }
        ready = n;
        return n;
    }

    /** The token of ready descriptor {@code i} of the last {@link #await}. */
    public long token(int i) {
        return events.getLong((long) check(i) * EVENT_SIZE + DATA_OFFSET);
    }

    /** The event bits ({@link #IN}, {@link #HUP}, {@link #ERR}) of ready descriptor {@code i}. */
    public int events(int i) {
        return events.getInt((long) check(i) * EVENT_SIZE);
    }

    private int check(int i) {
        if (i < 0 || i >= ready) throw new IndexOutOfBoundsException("ready event " + i + " of " + ready);
        return i;
    }

    @Override
    public void close() {
        C.close(fd);
        events.close();
    }
}
