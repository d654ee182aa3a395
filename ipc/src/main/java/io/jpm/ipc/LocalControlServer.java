package io.jpm.ipc;

import io.jpm.ipc.internal.RequestCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The daemon's local control path: a Unix domain socket in JPM_HOME (mode 0600, in a 0700 folder) that answers one
 * request per connection with the same {@link Handler} as the {@link ControlServer}, so every command behaves the
 * same on both. A connection from another uid ({@code SO_PEERCRED}) is closed before a byte is read or written.
 *
 * <p>Framing ({@link LocalFrame}): the client sends a 4-byte big-endian length and that many bytes of request JSON;
 * the server answers the same way with the reply JSON and closes. A length above {@link #MAX_REQUEST_BYTES} gets an
 * error reply; so does a frame that is not a request. A connection that has not sent its request within
 * {@link #IDLE_LIMIT_MS} is closed.
 *
 * <p>Threading: {@code jpm-local} owns the selector and every connection, and calls the handler, which must return
 * quickly (as on {@code jpm-control}). Replies completed on other threads come back through a queue and
 * {@link Selector#wakeup()}.
 *
 * <p>It is long because a connection's whole life (accept with the peer check, read a frame, dispatch, write the
 * reply, time out) is one non-blocking loop over one selector; the frame format is {@link LocalFrame}'s.
 */
public final class LocalControlServer implements AutoCloseable {
    static final int MAX_REQUEST_BYTES = ControlServer.MAX_REQUEST_BYTES;
    static final long IDLE_LIMIT_MS = 10_000;
    /** The first buffer of a request body; most requests fit, and a longer one grows as its bytes arrive. */
    private static final int FIRST_BODY_BYTES = 16 * 1024;

    private record Completed(Connection connection, Reply reply) {}

    private final Path path;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ControlServer.Handler handler;
    private final Consumer<String> log;
    private final LongSupplier nanoClock;
    private final UserPrincipal owner;
    /** Replies completed on other threads, waiting for jpm-local to write them. */
    private final Queue<Completed> completed = new ConcurrentLinkedQueue<>();

    private final Thread thread;
    private volatile boolean running = true;

    private LocalControlServer(Path path, ControlServer.Handler handler, Consumer<String> log, LongSupplier nanoClock)
            throws IOException {
        this.path = path;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.log = Objects.requireNonNull(log, "log");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        // Only the holder of the daemon lock starts this server, so a file here is a dead daemon's socket.
        Files.deleteIfExists(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 256);
            Files.setPosixFilePermissions(path, JpmHome.FILE_MODE);
            this.owner = Files.getOwner(path);
            server.configureBlocking(false);
            this.selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
        this.thread = new Thread(this::serve, "jpm-local");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Binds {@code socket} (removing a file a dead daemon left there) and starts serving. The caller must hold the
     * daemon lock of the socket's JPM_HOME.
     */
    public static LocalControlServer start(
            Path socket, ControlServer.Handler handler, Consumer<String> log, LongSupplier nanoClock)
            throws IOException {
        Optional<String> problem = pathProblem(socket);
        if (problem.isPresent()) throw new IOException(problem.get());
        return new LocalControlServer(socket, handler, log, nanoClock);
    }

    /** Why no socket can be bound at {@code socket} (Linux caps the path at 107 bytes), or empty. */
    public static Optional<String> pathProblem(Path socket) {
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length <= LocalFrame.MAX_PATH_BYTES) return Optional.empty();
        return Optional.of("the control socket path " + socket + " is " + length + " bytes, more than Linux allows ("
                + LocalFrame.MAX_PATH_BYTES + "); use a shorter JPM_HOME");
    }

    public Path path() {
        return path;
    }

    private void serve() {
        try {
            while (running) {
                selector.select(500);
                if (!running) break;
                long now = nanoClock.getAsLong();
                for (SelectionKey key : List.copyOf(selector.selectedKeys())) {
                    if (!key.isValid()) continue;
                    if (key.isAcceptable()) acceptAll(now);
                    else ((Connection) key.attachment()).ready(key, now);
                }
                selector.selectedKeys().clear();
                Completed c;
                while ((c = completed.poll()) != null) c.connection().reply(c.reply());
                for (SelectionKey key : List.copyOf(selector.keys())) {
                    if (key.attachment() instanceof Connection conn) conn.expireIfIdle(now);
                }
            }
        } catch (ClosedSelectorException e) {
            if (running) log.accept("local control loop stopped: " + e);
        } catch (IOException | RuntimeException e) {
            log.accept("local control loop failed: " + e);
        } finally {
            for (SelectionKey key : selector.keys()) closeQuietly(key.channel());
        }
    }

    private void acceptAll(long now) throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            try {
                UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
                if (!owner.equals(peer.user())) {
                    log.accept("local control socket: refused a connection from "
                            + peer.user().getName());
                    ch.close();
                    continue;
                }
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, new Connection(ch, now));
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
            }
        }
    }

    private void dispatch(Connection conn, byte[] body) {
        RequestCodec.Decoded decoded = RequestCodec.decode(body);
        if (decoded.error() != null) {
            conn.reply(decoded.error());
            return;
        }
        CompletableFuture<Reply> future = HandlerCalls.call(handler, decoded.request());
        if (future.isDone()) {
            conn.reply(HandlerCalls.replyOf(future, log));
            return;
        }
        future.whenComplete((r, e) -> {
            completed.add(new Completed(conn, HandlerCalls.replyOf(future, log)));
            selector.wakeup();
        });
    }

    /** One client's connection; owned by jpm-local. */
    private final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer header = ByteBuffer.allocate(LocalFrame.HEADER_BYTES);
        /** The request so far; it grows with what arrives, up to the declared length, never to it up front. */
        private ByteBuffer body;
        /** The length the header declared. */
        private int declared;

        private ByteBuffer out;
        /** After the reply: input is read and dropped until the client closes, so that it can read the reply. */
        private boolean draining;

        /** When this connection is closed unless its request is with the handler. */
        private long deadline;

        Connection(SocketChannel channel, long now) {
            this.channel = channel;
            this.deadline = now + IDLE_LIMIT_MS * 1_000_000;
        }

        void ready(SelectionKey key, long now) {
            try {
                if (key.isValid() && key.isReadable()) read();
                if (key.isValid() && key.isWritable()) write();
            } catch (IOException e) {
                close(); // the client went away; it costs nothing more
            }
        }

        private void read() throws IOException {
            if (draining || out != null) {
                if (channel.read(ByteBuffer.allocate(8192)) < 0) close();
                return;
            }
            if (header.hasRemaining()) {
                if (channel.read(header) < 0) {
                    close();
                    return;
                }
                if (header.hasRemaining()) return;
                int length = header.getInt(0);
                if (length < 0 || length > MAX_REQUEST_BYTES) {
                    reply(Reply.error(
                            ErrorCode.MALFORMED_JSON,
                            "request frame of " + Integer.toUnsignedString(length) + " bytes; at most "
                                    + MAX_REQUEST_BYTES));
                    return;
                }
                declared = length;
                body = ByteBuffer.allocate(Math.min(length, FIRST_BODY_BYTES));
            }
            while (true) {
                if (body.hasRemaining()) {
                    int n = channel.read(body);
                    if (n < 0) {
                        close();
                        return;
                    }
                    if (body.hasRemaining()) return; // the rest comes later
                }
                if (body.capacity() == declared) break;
                // full but short of the declared length: grow by doubling, so a client pays for what it sent
                body = ByteBuffer.allocate((int) Math.min(declared, 2L * body.capacity()))
                        .put(body.flip());
            }
            channel.keyFor(selector).interestOps(0);
            dispatch(this, body.array());
        }

        void reply(Reply reply) {
            if (!channel.isOpen()) return;
            out = LocalFrame.frame(RequestCodec.encode(reply));
            deadline = nanoClock.getAsLong() + IDLE_LIMIT_MS * 1_000_000;
            try {
                write();
            } catch (IOException e) {
                close();
            }
        }

        private void write() throws IOException {
            channel.write(out);
            SelectionKey key = channel.keyFor(selector);
            if (out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            channel.shutdownOutput();
            draining = true;
            key.interestOps(SelectionKey.OP_READ);
        }

        /** Closes a connection past its deadline, unless its request is with the handler (which may take long). */
        void expireIfIdle(long now) {
            boolean handling = out == null && body != null && body.capacity() == declared && !body.hasRemaining();
            if (now - deadline > 0 && !handling) close();
        }

        private void close() {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }

    /** Stops serving: the listening socket closes and its file goes; connections still open are dropped. */
    @Override
    public void close() {
        if (!running) return;
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.accept("local control socket: " + e.getMessage());
        }
    }
}
