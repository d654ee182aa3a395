package io.jpm.engine.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The daemon's {@code NOTIFY_SOCKET} for its workers: a datagram socket in {@code JPM_HOME/run} on which workers of
 * any language send {@code READY=1}, {@code STATUS=…} and {@code WATCHDOG=1} as they would to systemd. Each datagram
 * becomes a {@link Notification} carrying the sender's kernel-checked pid ({@code SO_PASSCRED}) and its ancestry, and
 * goes to the listener; a datagram from another user is dropped.
 *
 * <p>Threading: one named thread, {@code jpm-notify}, receives, parses and walks /proc; the listener runs on it and
 * should hand the notification to its owner's thread (the supervisor's actor), where the pid → worker lookup is
 * made. {@link #close} ends the thread within a second.
 */
public final class WorkerNotifySocket implements AutoCloseable {
    /** The socket's file name in {@code JPM_HOME/run}. */
    public static final String FILE = "notify.sock";

    /** How far up the process tree a sender is followed. */
    static final int MAX_DEPTH = 32;

    private final Path path;
    private final UnixDatagramSocket socket;
    private final Thread receiver;
    private final long uid;

    private WorkerNotifySocket(
            Path path,
            UnixDatagramSocket socket,
            Consumer<Notification> listener,
            Consumer<String> warn,
            LongSupplier nanoClock) {
        this.path = path;
        this.socket = socket;
        this.uid = ownUid();
        this.receiver = new Thread(() -> receive(listener, warn, nanoClock), "jpm-notify");
        receiver.setDaemon(true);
    }

    /** Binds {@code path} (replacing a stale socket file there) and starts receiving. */
    public static WorkerNotifySocket start(
            Path path, Consumer<Notification> listener, Consumer<String> warn, LongSupplier nanoClock)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        Files.deleteIfExists(path);
        UnixDatagramSocket socket = UnixDatagramSocket.bound(path.toString());
        try {
            socket.passCredentials();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        WorkerNotifySocket s = new WorkerNotifySocket(path, socket, listener, warn, nanoClock);
        s.receiver.start();
        return s;
    }

    /** The value of {@code NOTIFY_SOCKET} for workers. */
    public String address() {
        return path.toString();
    }

    private void receive(Consumer<Notification> listener, Consumer<String> warn, LongSupplier nanoClock) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Optional<UnixDatagramSocket.Datagram> d = socket.receiveFrom(Duration.ofSeconds(1));
                if (d.isEmpty()) {
                    if (socket.isClosed()) return;
                    continue;
                }
                UnixDatagramSocket.Datagram datagram = d.get();
                if (datagram.pid() <= 0 || (uid >= 0 && datagram.uid() != uid))
                    continue; // not vouched for, or not ours
                listener.accept(new Notification(
                        NotifyMessage.parse(datagram.text()), ancestry(datagram.pid()), nanoClock.getAsLong()));
            } catch (Exception e) {
                if (socket.isClosed()) return;
                warn.accept("notify socket: " + e);
            }
        }
    }

    /** {@code pid}, its parent, and so on, up to (not including) init; just {@code pid} if it is already gone. */
    static List<Long> ancestry(long pid) {
        List<Long> chain = new ArrayList<>();
        chain.add(pid);
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        while (p.isPresent() && chain.size() < MAX_DEPTH) {
            p = p.get().parent();
            if (p.isEmpty() || p.get().pid() <= 1) break;
            chain.add(p.get().pid());
        }
        return chain;
    }

    private static long ownUid() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a stale socket file is replaced at the next start
        }
    }
}
