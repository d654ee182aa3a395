package io.jpm.ipc;

import io.jpm.ipc.internal.CurveClientOptions;
import io.jpm.ipc.internal.RequestCodec;
import java.io.IOException;
import java.util.Objects;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The client side of the command channel: a CURVE REQ socket with a timeout and Lazy Pirate recovery. A socket whose
 * reply did not come in time is closed and made anew, never reused; idempotent requests are then sent again.
 *
 * <p>Not thread-safe: one thread uses one client.
 */
public final class ControlClient implements Transport {
    private final ZContext context = new ZContext(1);
    private final DaemonInfo daemon;
    private final CurveKeys.Pair keys;
    private ZMQ.Socket socket;
    /** The handshake deadline of the next socket; doubled each time a reply does not come in time. */
    private int handshakeMs = CurveClientOptions.FIRST_HANDSHAKE_MS;

    public ControlClient(DaemonInfo daemon, CurveKeys.Pair clientKeys) {
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.keys = Objects.requireNonNull(clientKeys, "clientKeys");
    }

    @Override
    public DaemonInfo daemon() {
        return daemon;
    }

    /** Sends with the request's own timeout, retrying twice more if it is idempotent. */
    public Reply call(Request<?> request) throws DaemonUnreachableException {
        return call(request, request.timeoutMs(), request.idempotent() ? 2 : 0);
    }

    public Reply call(Request<?> request, long timeoutMs, int retries) throws DaemonUnreachableException {
        byte[] body = RequestCodec.encode(request);
        return callRaw(body, timeoutMs, retries);
    }

    /** Sends raw bytes as a request; for tests of the daemon's handling of bad frames. */
    public Reply callRaw(byte[] body, long timeoutMs, int retries) throws DaemonUnreachableException {
        byte[] raw = exchange(body, timeoutMs, retries);
        try {
            return Reply.fromTree(Json.MAPPER.readTree(raw));
        } catch (IOException | RuntimeException e) {
            throw new DaemonUnreachableException("unreadable reply from the daemon: " + e.getMessage());
        }
    }

    @Override
    public byte[] exchange(byte[] body, long timeoutMs, int retries) throws DaemonUnreachableException {
        for (int attempt = 0; attempt <= retries; attempt++) {
            ZMQ.Socket s = socket();
            s.send(body);
            ZMQ.Poller poller = context.createPoller(1);
            try {
                poller.register(s, ZMQ.Poller.POLLIN);
                if (poller.poll(timeoutMs) > 0 && poller.pollin(0)) return s.recv();
            } finally {
                poller.close();
            }
            discardSocket();
        }
        throw new DaemonUnreachableException(
                "no reply from the daemon at " + daemon.commandEndpoint() + " within " + timeoutMs + " ms");
    }

    private ZMQ.Socket socket() {
        if (socket == null) {
            socket = context.createSocket(SocketType.REQ);
            socket.setLinger(0);
            CurveClientOptions.apply(socket, daemon, keys, handshakeMs);
            socket.setMaxMsgSize(64L * 1024 * 1024);
            socket.connect(daemon.commandEndpoint());
        }
        return socket;
    }

    private void discardSocket() {
        if (socket != null) {
            context.destroySocket(socket);
            socket = null;
            handshakeMs = Math.min(CurveClientOptions.MAX_HANDSHAKE_MS, handshakeMs * 2);
        }
    }

    @Override
    public void close() {
        discardSocket();
        context.close();
    }
}
