package io.jpm.balancer.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Accepts clients on the public port for one {@link IoLoop}, which keeps each client it accepts.
 *
 * <p>Every loop of a balancer registers the same non-blocking listening socket, so a client is accepted by whichever
 * loop gets to it first (a busy loop takes fewer) and is served on that thread from then on: there is no accept thread
 * and no hand-off between threads. The kernel wakes every loop for a new connection; the losers find nothing to accept,
 * which costs one failed accept each. Touched only by its loop's thread.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    /** Clients accepted per readiness event, at most, so that a burst of connects does not starve open tunnels. */
    private static final int MAX_ACCEPTS_PER_EVENT = 64;

    /** How long to stop accepting after a failed accept, such as one for want of file descriptors. */
    static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final IoLoop loop;
    private final ServerSocketChannel listener;
    private final SelectionKey key;

    /** Registers {@code listener}, which must be non-blocking, with {@code loop}'s selector. */
    Acceptor(IoLoop loop, ServerSocketChannel listener) throws ClosedChannelException {
        if (listener.isBlocking()) {
            throw new IllegalArgumentException("listener must be non-blocking: " + listener);
        }
        this.loop = loop;
        this.listener = listener;
        this.key = listener.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
    }

    /** Accepts the clients waiting, up to a limit, and opens a tunnel for each. */
    void onAcceptable() {
        for (int i = 0; i < MAX_ACCEPTS_PER_EVENT; i++) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (ClosedChannelException e) {
                key.cancel();
                return;
            } catch (IOException | RuntimeException e) {
                if (!listener.isOpen()) {
                    key.cancel();
                    return;
                }
                backOff(e);
                return;
            }
            if (client == null) {
                return;
            }
            loop.open(client);
        }
    }

    /** Stops listening for a while: a listener that keeps failing would otherwise wake the loop without end. */
    private void backOff(Exception cause) {
        LOG.log(
                Level.WARNING,
                "accept failed; retrying in " + TimeUnit.NANOSECONDS.toMillis(BACKOFF_NANOS) + " ms",
                cause);
        key.interestOps(0);
        loop.after(BACKOFF_NANOS, () -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }
}
