package io.jpm.ipc;

import java.util.Objects;
import java.util.Optional;

/**
 * The daemon's local control socket as a {@link Transport}, so that a {@link JpmClient} sends its one-shot requests
 * there: one connection per request ({@link LocalControlClient}), no JeroMQ and no CURVE. When nothing listens,
 * nothing is sent and {@link #exchange} throws a {@link NoDaemonException}; the caller decides whether to start a
 * daemon. The streams (events, logs) stay on the {@link ControlClient} and {@link EventSubscriber}.
 *
 * <p>Stateless: any thread may use it, and {@link #close()} has nothing to release.
 */
public final class LocalTransport implements Transport {
    private final JpmHome home;
    private final LocalControlClient client;

    public LocalTransport(JpmHome home) {
        this.home = Objects.requireNonNull(home, "home");
        this.client = new LocalControlClient(home.controlSocket());
    }

    /** The daemon.json of the home, read on each call (the socket itself says nothing of the daemon). */
    @Override
    public DaemonInfo daemon() {
        return DaemonInfo.read(home).orElseThrow(() -> new IllegalStateException("no daemon.json in " + home));
    }

    /**
     * Sends {@code request} on a new connection and returns the reply's bytes; sends it again, up to {@code retries}
     * more times, when no reply came in time. Throws {@link NoDaemonException} when nothing listens.
     */
    @Override
    public byte[] exchange(byte[] request, long timeoutMs, int retries) throws DaemonUnreachableException {
        for (int attempt = 0; ; attempt++) {
            Optional<byte[]> reply;
            try {
                reply = client.exchange(request, timeoutMs);
            } catch (DaemonUnreachableException e) {
                if (attempt >= retries) throw e;
                continue;
            }
            if (reply.isEmpty()) throw new NoDaemonException(client.socket());
            return reply.get();
        }
    }

    @Override
    public void close() {
        // one connection per request, each closed with its reply
    }
}
