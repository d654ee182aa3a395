package io.jpm.ipc.internal;

import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import org.zeromq.ZMQ;

/**
 * The options of every client socket to the daemon: CURVE keys, and a handshake timer that repairs a JeroMQ 0.6.0
 * fault.
 *
 * <p>About one new outgoing connection in 20 never starts its handshake: when a non-blocking connect completes, the
 * connecter's selection key and the new engine's share one channel in the I/O thread's selector, and the engine's
 * registration is lost when both change in the same pass, so the ZMTP greeting is never sent and a request queued on
 * the socket waits forever. With a handshake interval the engine's own timer ends that connection; the socket
 * reconnects after {@link #RECONNECT_MS} and sends the queued request on the new connection, so the request is
 * neither lost nor sent twice.
 */
public final class CurveClientOptions {
    /**
     * The first connection's handshake deadline: several times what a cold client's CURVE handshake costs (about
     * 60 ms: four Curve25519 multiplications, interpreted at first), so a slow but healthy handshake is not cut.
     */
    public static final int FIRST_HANDSHAKE_MS = 500;
    /** The longest handshake deadline, for sockets made after a timeout on a loaded machine. */
    public static final int MAX_HANDSHAKE_MS = 8_000;

    static final int RECONNECT_MS = 10;

    private CurveClientOptions() {}

    /** Sets the CURVE keys for {@code daemon} and the handshake deadline; call before connecting. */
    public static void apply(ZMQ.Socket socket, DaemonInfo daemon, CurveKeys.Pair keys, int handshakeMs) {
        socket.setCurveServerKey(ZMQ.Curve.z85Decode(daemon.serverPublicKey()));
        socket.setCurvePublicKey(keys.publicBytes());
        socket.setCurveSecretKey(keys.secretBytes());
        socket.setHandshakeIvl(handshakeMs);
        socket.setReconnectIVL(RECONNECT_MS);
    }
}
