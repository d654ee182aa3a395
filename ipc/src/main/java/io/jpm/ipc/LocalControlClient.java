package io.jpm.ipc;

import io.jpm.ipc.internal.RequestCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The client side of the daemon's local control socket ({@link LocalControlServer}): each request opens a
 * connection, writes one frame and reads one reply frame before a deadline. It loads neither JeroMQ nor CURVE, so
 * one-shot commands start fast. Stateless: any thread may use it.
 */
public final class LocalControlClient {
    static final int MAX_REPLY_BYTES = 64 * 1024 * 1024;

    private final Path socket;

    public LocalControlClient(Path socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
    }

    public Path socket() {
        return socket;
    }

    /**
     * Sends {@code request} with its own timeout, twice more if it is idempotent and no reply came, and returns the
     * reply as a tree. Empty when no daemon listens on the socket: then nothing was sent. For tests and tools; the CLI
     * reads typed results through a {@link JpmClient} over a {@link LocalTransport}.
     */
    public Optional<Reply> call(Request<?> request) throws DaemonUnreachableException {
        byte[] body = RequestCodec.encode(request);
        int retries = request.idempotent() ? 2 : 0;
        for (int attempt = 0; ; attempt++) {
            try {
                Optional<byte[]> raw = exchange(body, request.timeoutMs());
                return raw.isEmpty() ? Optional.empty() : Optional.of(decode(raw.get()));
            } catch (DaemonUnreachableException e) {
                if (attempt >= retries) throw e;
            }
        }
    }

    private static Reply decode(byte[] raw) throws DaemonUnreachableException {
        try {
            return Reply.fromTree(Json.MAPPER.readTree(raw));
        } catch (IOException | RuntimeException e) {
            throw new DaemonUnreachableException("unreadable reply from the daemon: " + e.getMessage());
        }
    }

    /**
     * Writes one request frame on a new connection and returns the reply frame's bytes; empty when no daemon listens
     * (no socket file, or a file a dead daemon left). Fails when the reply does not come within {@code timeoutMs}.
     */
    public Optional<byte[]> exchange(byte[] request, long timeoutMs) throws DaemonUnreachableException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                // No file, a file a starting daemon is replacing (ENOENT), or a dead daemon's file (ECONNREFUSED):
                // nothing listens yet. Only a socket this user may not write to is an error of its own.
                if (writeDenied()) {
                    throw new DaemonUnreachableException(
                            "cannot reach the daemon at " + socket + ": " + e.getMessage());
                }
                return Optional.empty();
            }
            ch.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
                ByteBuffer out = LocalFrame.frame(request);
                while (out.hasRemaining()) {
                    if (ch.write(out) == 0) await(selector, deadline, timeoutMs);
                }
                key.interestOps(SelectionKey.OP_READ);
                ByteBuffer header = ByteBuffer.allocate(LocalFrame.HEADER_BYTES);
                readFully(ch, header, selector, deadline, timeoutMs);
                int length = header.getInt(0);
                if (length < 0 || length > MAX_REPLY_BYTES) {
                    throw new DaemonUnreachableException("unreadable reply from the daemon: a frame of "
                            + Integer.toUnsignedString(length) + " bytes");
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(ch, body, selector, deadline, timeoutMs);
                return Optional.of(body.array());
            }
        } catch (IOException e) {
            throw new DaemonUnreachableException(
                    "lost the connection to the daemon at " + socket + ": " + e.getMessage());
        }
    }

    /**
     * Whether this user may not write to the socket: one access(2), so a file that a restarting daemon removes in
     * between reads as missing (nothing listens), never as denied.
     */
    private boolean writeDenied() {
        try {
            socket.getFileSystem().provider().checkAccess(socket, AccessMode.WRITE);
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void readFully(SocketChannel ch, ByteBuffer b, Selector selector, long deadline, long timeoutMs)
            throws IOException, DaemonUnreachableException {
        while (b.hasRemaining()) {
            int n = ch.read(b);
            if (n < 0) throw new DaemonUnreachableException("the daemon at " + socket + " closed without a reply");
            if (n == 0) await(selector, deadline, timeoutMs);
        }
    }

    private void await(Selector selector, long deadline, long timeoutMs)
            throws IOException, DaemonUnreachableException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0 || selector.select(left) == 0 && System.nanoTime() - deadline >= 0) {
            throw new DaemonUnreachableException(
                    "no reply from the daemon at " + socket + " within " + timeoutMs + " ms");
        }
        selector.selectedKeys().clear();
    }
}
