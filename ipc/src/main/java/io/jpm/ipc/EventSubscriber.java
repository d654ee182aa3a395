package io.jpm.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.internal.CurveClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A CURVE SUB socket on the daemon's events. Subscriptions are topic prefixes. Not thread-safe: one thread owns it.
 */
public final class EventSubscriber implements AutoCloseable {
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket socket;

    public EventSubscriber(DaemonInfo daemon, CurveKeys.Pair clientKeys, String... prefixes) {
        Objects.requireNonNull(daemon, "daemon");
        socket = context.createSocket(SocketType.SUB);
        socket.setLinger(0);
        socket.setRcvHWM(100_000);
        CurveClientOptions.apply(socket, daemon, clientKeys, CurveClientOptions.FIRST_HANDSHAKE_MS);
        for (String p : prefixes) socket.subscribe(p.getBytes(StandardCharsets.UTF_8));
        socket.connect(daemon.eventEndpoint());
    }

    /**
     * Waits until the subscriptions are in effect at the daemon: asks it, until one arrives, to publish on a topic
     * unique to this subscriber. Messages of other topics received meanwhile are not lost: they stay queued only
     * if they come after the hello, so call this before relying on the stream.
     */
    public boolean awaitSubscribed(ControlClient control, long timeoutMs) throws DaemonUnreachableException {
        String topic = "hello." + UUID.randomUUID();
        socket.subscribe(topic.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try {
            while (System.nanoTime() < deadline) {
                control.call(new Request.Hello(topic));
                long waitUntil = System.nanoTime() + 100_000_000L;
                while (System.nanoTime() < waitUntil) {
                    Optional<Event> e = next(20);
                    if (e.isPresent() && e.get().topic().equals(topic)) return true;
                }
            }
            return false;
        } finally {
            socket.unsubscribe(topic.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The next message, or empty after {@code timeoutMs}. A message that is not JSON is skipped. */
    public Optional<Event> next(long timeoutMs) {
        socket.setReceiveTimeOut((int) Math.max(0, Math.min(Integer.MAX_VALUE, timeoutMs)));
        byte[] topic = socket.recv();
        if (topic == null) return Optional.empty();
        byte[] body = socket.hasReceiveMore() ? socket.recv() : new byte[0];
        while (socket.hasReceiveMore()) socket.recv();
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return Optional.of(new Event(new String(topic, StandardCharsets.UTF_8), node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The socket, for callers that poll it together with other inputs; they must not use it on another thread. */
    public ZMQ.Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        context.close();
    }
}
