package io.jpm.engine.sockets;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The daemon's listening sockets, by app: each is bound once, on the app's first worker, and held until the app is
 * deleted, so that a crash, a restart, a reload or a scale never closes the port (connections wait in the kernel's
 * accept queue while no worker accepts). Workers receive a copy of the descriptor; the daemon's own stays
 * close-on-exec.
 *
 * <p>Threading: every method may be called from any thread; the map is guarded by this object's lock, and no call
 * made under it blocks longer than a bind.
 */
public final class ListenSockets implements AutoCloseable {
    /** The accept-queue length asked of listen(2); the kernel caps it at net.core.somaxconn. */
    public static final int BACKLOG = 4096;

    /** Each app's sockets by the address it asked for (port 0 stays 0 here; the socket's address has the real one). */
    private final Map<String, Map<ListenAddress, ListenSocket>> byApp = new HashMap<>();

    private boolean closed;

    /**
     * The socket of {@code app} on {@code address}: bound now on the first call, the same one afterwards. An address
     * that cannot be bound is an IOException with a one-line message naming it.
     */
    public synchronized ListenSocket acquire(String app, ListenAddress address) throws IOException {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(address, "address");
        if (closed) throw new IOException("the daemon is shutting down");
        ListenSocket held = socketsOf(app).get(address);
        if (held != null) return held;
        int fd = address.isUnix()
                ? SocketCalls.listenUnix(address.path(), BACKLOG)
                : SocketCalls.listenTcp(address.host(), address.port(), BACKLOG);
        ListenSocket s = describe(address, fd);
        socketsOf(app).put(address, s);
        return s;
    }

    /**
     * Keeps {@code fd}, a listening socket this process now owns (taken back from a worker after a daemon crash), as
     * the socket of {@code app} on {@code address}; one already held there is kept and {@code fd} is closed.
     */
    public synchronized void adopt(String app, ListenAddress address, int fd) {
        Map<ListenAddress, ListenSocket> sockets = socketsOf(app);
        if (closed || sockets.containsKey(address)) {
            SocketCalls.close(fd);
            return;
        }
        sockets.put(address, describe(address, fd));
    }

    /**
     * Takes back the socket of {@code app} on {@code address} from worker {@code pid} (one an earlier daemon started)
     * and keeps it: the worker's descriptor whose socket listens on that address, copied with pidfd_getfd. Empty when
     * the worker holds no such socket or cannot be reached.
     */
    public Optional<ListenSocket> takeBack(String app, ListenAddress address, long pid) {
        Optional<ListenSocket> held = find(app, address);
        if (held.isPresent()) return held;
        OptionalInt theirs = WorkerSockets.listeningOn(pid, address);
        if (theirs.isEmpty()) return Optional.empty();
        try {
            adopt(app, address, SocketCalls.takeFrom(pid, theirs.getAsInt()));
        } catch (IOException e) {
            return Optional.empty();
        }
        return find(app, address);
    }

    /** Closes every socket of {@code app} (the app was deleted); a Unix socket's file is removed. */
    public void release(String app) {
        List<ListenSocket> gone;
        synchronized (this) {
            Map<ListenAddress, ListenSocket> sockets = byApp.remove(app);
            if (sockets == null) return;
            gone = new ArrayList<>(sockets.values());
        }
        for (ListenSocket s : gone) closeSocket(s);
    }

    /** Closes the sockets of every app that {@code kept} rejects (deleted apps), whoever acquired them. */
    public void retainOnly(java.util.function.Predicate<String> kept) {
        List<String> gone;
        synchronized (this) {
            gone = byApp.keySet().stream().filter(kept.negate()).toList();
        }
        gone.forEach(this::release);
    }

    public synchronized Optional<ListenSocket> find(String app, ListenAddress address) {
        Map<ListenAddress, ListenSocket> sockets = byApp.get(app);
        return Optional.ofNullable(sockets == null ? null : sockets.get(address));
    }

    /** How many connections wait in the accept queue of a TCP socket; empty for a Unix socket or when unknown. */
    public static OptionalInt acceptQueue(ListenSocket s) {
        if (s.address().isUnix()) return OptionalInt.empty();
        int n = SocketCalls.acceptQueue(s.fd());
        return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Closes every socket. */
    @Override
    public void close() {
        List<ListenSocket> gone = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Map<ListenAddress, ListenSocket> sockets : byApp.values()) gone.addAll(sockets.values());
            byApp.clear();
        }
        for (ListenSocket s : gone) closeSocket(s);
    }

    private Map<ListenAddress, ListenSocket> socketsOf(String app) {
        return byApp.computeIfAbsent(app, a -> new HashMap<>());
    }

    private static ListenSocket describe(ListenAddress asked, int fd) {
        ListenAddress bound = asked.isUnix() || asked.port() != 0
                ? asked
                : new ListenAddress(asked.host(), SocketCalls.localPort(fd), null);
        return new ListenSocket(bound, fd, SocketCalls.inode("self", fd));
    }

    private static void closeSocket(ListenSocket s) {
        SocketCalls.close(s.fd());
        if (s.address().isUnix()) {
            try {
                java.nio.file.Files.deleteIfExists(
                        java.nio.file.Path.of(s.address().path()));
            } catch (IOException e) {
                // a stale socket file is replaced by the next bind
            }
        }
    }
}
