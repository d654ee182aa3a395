package io.jpm.balancer.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One client connection and its backend connection: picks a backend, connects with retry, then moves bytes both ways.
 *
 * <p>A tunnel lives on one {@link IoLoop} and is touched only by that loop's thread. It ends cleanly once both sides
 * have sent their end of stream and it has been passed on; an I/O error on either side resets the other side, so that
 * an abort is never mistaken for a complete reply.
 */
final class Tunnel {

    private enum State {
        CONNECTING,
        OPEN,
        CLOSED
    }

    private final IoLoop loop;
    private final SocketChannel client;
    private final List<Backend> tried = new ArrayList<>(2);
    private State state = State.CONNECTING;
    private SelectionKey clientKey;
    private int clientOps;
    private SocketChannel server;
    private SelectionKey serverKey;
    private int serverOps;
    private Backend backend;
    private int attempt;
    private Flow up;
    private Flow down;
    private long lastActivity;

    Tunnel(IoLoop loop, SocketChannel client) {
        this.loop = loop;
        this.client = client;
    }

    /** Registers the client, which is not read until a backend is connected, and starts the first connect. */
    void start() throws IOException {
        client.configureBlocking(false);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        clientKey = client.register(loop.selector(), 0, this);
        connectNext();
    }

    Backend backend() {
        return backend;
    }

    boolean isConnecting(int attemptNumber) {
        return state == State.CONNECTING && attempt == attemptNumber;
    }

    /** Whether the tunnel is open and has moved no bytes for {@code idleNanos} up to {@code nowNanos}. */
    boolean isIdle(long nowNanos, long idleNanos) {
        return state == State.OPEN && nowNanos - lastActivity >= idleNanos;
    }

    void onReady(SelectionKey key) throws IOException {
        if (state == State.CLOSED || !key.isValid()) {
            return;
        }
        if (state == State.CONNECTING) {
            if (key == serverKey && key.isConnectable()) {
                finishConnect();
            }
            return;
        }
        boolean fromClient = key == clientKey;
        Flow inbound = fromClient ? up : down;
        Flow outbound = fromClient ? down : up;
        int ready = key.readyOps();
        boolean moved = false;
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            moved = outbound.onWritable();
        }
        if ((ready & SelectionKey.OP_READ) != 0 && inbound.wantsRead()) {
            moved |= inbound.onReadable();
        }
        if (moved) {
            lastActivity = loop.now();
        }
        if (up.finished() && down.finished() && !up.wantsWrite() && !down.wantsWrite()) {
            close();
        } else {
            updateInterest();
        }
    }

    /** Gives up on the current connect attempt and tries the next backend. */
    void connectTimedOut() {
        connectFailed();
    }

    /** Ends the tunnel cleanly: both sockets are closed with a FIN. */
    void close() {
        end(false);
    }

    /** Ends the tunnel after an error: both sockets are reset, and the abort is counted against the backend. */
    void abort() {
        end(true);
    }

    private void end(boolean abort) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (up != null) {
            up.release();
            down.release();
        }
        if (abort) {
            resetQuietly(client);
            resetQuietly(server);
        }
        closeQuietly(client);
        closeQuietly(server);
        loop.forget(this);
        if (backend != null) {
            if (abort) {
                backend.aborted.increment();
            }
            loop.backends().release(backend);
            backend = null;
        }
    }

    private void connectNext() throws IOException {
        Backend next = loop.backends().pick(tried, loop.now());
        if (next == null) {
            loop.rejected();
            close();
            return;
        }
        tried.add(next);
        backend = next;
        attempt++;
        server = SocketChannel.open(family(next.address()));
        server.configureBlocking(false);
        server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected;
        try {
            connected = server.connect(next.address());
        } catch (IOException e) {
            connectFailed();
            return;
        }
        if (connected) {
            serverKey = server.register(loop.selector(), 0, this);
            opened();
        } else {
            serverKey = server.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            serverOps = SelectionKey.OP_CONNECT;
            loop.watchConnect(this, attempt);
        }
    }

    private void finishConnect() throws IOException {
        boolean connected;
        try {
            connected = server.finishConnect();
        } catch (IOException e) {
            connectFailed();
            return;
        }
        if (connected) {
            opened();
        }
    }

    private void connectFailed() {
        closeQuietly(server);
        server = null;
        serverKey = null;
        serverOps = 0;
        Backend failed = backend;
        backend = null;
        failed.connectFailed(loop.now());
        loop.backends().release(failed);
        try {
            connectNext();
        } catch (IOException e) {
            abort();
        }
    }

    private void opened() throws IOException {
        state = State.OPEN;
        backend.total.increment();
        up = new Flow(client, server, loop.pool(), backend.bytesIn);
        down = new Flow(server, client, loop.pool(), backend.bytesOut);
        lastActivity = loop.now();
        updateInterest();
    }

    private void updateInterest() {
        int wantClient = (up.wantsRead() ? SelectionKey.OP_READ : 0) | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0);
        int wantServer = (down.wantsRead() ? SelectionKey.OP_READ : 0) | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0);
        if (wantClient != clientOps) {
            clientKey.interestOps(wantClient);
            clientOps = wantClient;
        }
        if (wantServer != serverOps) {
            serverKey.interestOps(wantServer);
            serverOps = wantServer;
        }
    }

    /** IPv4 for an IPv4 backend (every worker port is on 127.0.0.1): no dual-stack socket, no mapped address. */
    private static ProtocolFamily family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address
                ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
    }

    private static void resetQuietly(SocketChannel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // Not connected or already reset: a plain close will do.
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing is best effort; the descriptor is released either way.
            }
        }
    }
}
