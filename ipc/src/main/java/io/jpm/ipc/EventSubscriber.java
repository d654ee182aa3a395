package io.jpm.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.internal.CurveClientOptions;
import io.jpm.ipc.internal.RequestCodec;
import io.jpm.ipc.wire.Published;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A subscription to what the daemon publishes, by topic prefix ({@link Topics}). {@link #receive} hands out typed
 * messages ({@link io.jpm.ipc.wire.Stats}, {@link io.jpm.ipc.wire.WorkerEvent}, {@link io.jpm.ipc.wire.LogBatch});
 * {@link #next} the raw JSON, for tools and tests that look at the text. Not thread-safe: one thread owns it.
 */
public final class EventSubscriber implements AutoCloseable {
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket socket;
    /** The receive timeout last set on the socket, so that it is set only when it changes. */
    private int timeoutMs = -2;

    /** One frame pair as received: the topic and the JSON body. */
    private record Frame(String topic, byte[] body) {}

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
    public boolean awaitSubscribed(Transport control, long timeoutMs) throws DaemonUnreachableException {
        String topic = Topics.HELLO_PREFIX + UUID.randomUUID();
        socket.subscribe(topic.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        try {
            Request.Hello hello = new Request.Hello(topic);
            byte[] request = RequestCodec.encode(hello);
            while (System.nanoTime() < deadline) {
                control.exchange(request, hello.timeoutMs(), 2);
                long waitUntil = System.nanoTime() + 100_000_000L;
                while (System.nanoTime() < waitUntil) {
                    Optional<Frame> f = frame(20);
                    if (f.isPresent() && f.get().topic().equals(topic)) return true;
                }
            }
            return false;
        } finally {
            socket.unsubscribe(topic.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@link #awaitSubscribed(Transport, long)} over a client's transport. */
    public boolean awaitSubscribed(JpmClient control, long timeoutMs) throws DaemonUnreachableException {
        return awaitSubscribed(control.transport(), timeoutMs);
    }

    /**
     * The next message as its record, or empty after {@code timeoutMs} (0: do not wait). A message that no record
     * reads (an unknown topic, or a body that is not the topic's shape) is skipped and counts as nothing received.
     */
    public Optional<Published> receive(long timeoutMs) {
        Optional<Frame> f = frame(timeoutMs);
        if (f.isEmpty()) return Optional.empty();
        try {
            return Published.read(f.get().topic(), f.get().body());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The next message as raw JSON, or empty after {@code timeoutMs}. A message that is not JSON is skipped. */
    public Optional<Event> next(long timeoutMs) {
        Optional<Frame> f = frame(timeoutMs);
        if (f.isEmpty()) return Optional.empty();
        try {
            JsonNode node = Json.MAPPER.readTree(f.get().body());
            return Optional.of(new Event(f.get().topic(), node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Frame> frame(long timeout) {
        int ms = (int) Math.max(0, Math.min(Integer.MAX_VALUE, timeout));
        if (ms != timeoutMs) socket.setReceiveTimeOut(timeoutMs = ms);
        byte[] topic = socket.recv();
        if (topic == null) return Optional.empty();
        byte[] body = socket.hasReceiveMore() ? socket.recv() : new byte[0];
        while (socket.hasReceiveMore()) socket.recv();
        return Optional.of(new Frame(new String(topic, StandardCharsets.UTF_8), body));
    }

    @Override
    public void close() {
        context.close();
    }
}
