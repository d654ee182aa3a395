package io.jpm.ipc;

import io.jpm.ipc.internal.RequestCodec;
import io.jpm.ipc.internal.ZapHandler;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The daemon's side of the control plane: a ROUTER socket for commands and a PUB socket for events, both CURVE
 * servers behind a ZAP handler, bound to ephemeral ports on 127.0.0.1.
 *
 * <p>Threading: each ZeroMQ socket is owned by exactly one thread. {@code jpm-control} owns the ROUTER; it decodes
 * a request and calls the {@link Handler} on its own thread, so handlers must return quickly and hand slow work
 * (a rolling reload) to another thread, completing the future later; replies completed elsewhere come back to
 * {@code jpm-control} through a queue and a wake-up pipe. {@code jpm-publisher} owns the PUB and drains a bounded
 * queue; {@link #publish} may be called from any thread and never blocks: when the queue is full the message is
 * dropped and counted (files, not subscribers, are the record). {@code jpm-zap} owns the ZAP socket.
 */
public final class ControlServer implements AutoCloseable {
    /**
     * Handles one decoded request on a control thread: {@code jpm-control} here, {@code jpm-local} for the
     * {@link LocalControlServer}; both may call it at once.
     */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<Reply> handle(Request<?> request);
    }

    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    private static final int PUBLISH_QUEUE = 32_768;
    /** Bytes the publish queue may hold; a flood of log lines must not grow the heap beyond this. */
    private static final long PUBLISH_QUEUE_BYTES = 16L * 1024 * 1024;
    /**
     * Messages queued per subscriber before the PUB drops for it. Log messages are about 8 KiB at most, so a stalled
     * subscriber (a paused {@code jpm logs | less}) costs about 40 MiB of heap at worst, not gigabytes. Not much
     * lower: a client still warming up (CURVE in an interpreted JVM) must not lose its hello behind chatty workers.
     */
    private static final int SUBSCRIBER_HWM = 5_000;

    private static final byte[] POISON = new byte[0];

    private record Outgoing(byte[] topic, byte[] body) {}

    private record Pending(byte[] identity, Reply reply) {}

    private final ZContext context;
    private final ZMQ.Socket router;
    private final ZMQ.Socket pub;
    private final Handler handler;
    private final Consumer<String> log;
    private final String commandEndpoint;
    private final String eventEndpoint;
    private final String serverPublicKey;
    private final Pipe wakeup;
    /** Replies completed on other threads, waiting for jpm-control to send them. */
    private final Queue<Pending> completed = new ConcurrentLinkedQueue<>();
    /** The longest subscription (topic prefix) a subscriber may send; a longer one closes its connection. */
    static final int MAX_SUBSCRIPTION_BYTES = 1024;

    /** Messages waiting for jpm-publisher. */
    private final BlockingQueue<Outgoing> outgoing = new ArrayBlockingQueue<>(PUBLISH_QUEUE);
    /** Messages dropped because the publish queue was full. */
    private final AtomicLong dropped = new AtomicLong();
    /** Bytes of the bodies in {@link #outgoing}. */
    private final AtomicLong queuedBytes = new AtomicLong();

    private final Thread controlThread;
    private final Thread publisherThread;
    private final Thread zapThread;
    private final ZapHandler zap;
    private volatile boolean running = true;

    private ControlServer(JpmHome home, CurveKeys.Pair serverKeys, Handler handler, Consumer<String> log)
            throws IOException {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.log = Objects.requireNonNull(log, "log");
        this.context = new ZContext(1);
        this.wakeup = Pipe.open();
        wakeup.source().configureBlocking(false);
        wakeup.sink().configureBlocking(false);
        this.zap = new ZapHandler(context, home.keys(), log);
        this.router = curveServer(SocketType.ROUTER, serverKeys);
        router.setMaxMsgSize(MAX_REQUEST_BYTES);
        router.setRouterMandatory(false);
        router.bind("tcp://127.0.0.1:*");
        this.commandEndpoint = router.getLastEndpoint();
        this.pub = curveServer(SocketType.PUB, serverKeys);
        // subscriptions only come this way; each byte of one is a level of JeroMQ's subscription trie, which it
        // removes recursively when the subscriber leaves: a 16 KiB one overflowed the publisher's stack
        pub.setMaxMsgSize(MAX_SUBSCRIPTION_BYTES);
        pub.setSndHWM(SUBSCRIBER_HWM);
        pub.bind("tcp://127.0.0.1:*");
        this.eventEndpoint = pub.getLastEndpoint();
        this.serverPublicKey = serverKeys.publicKey();
        this.zapThread = new Thread(zap, "jpm-zap");
        this.controlThread = new Thread(this::serve, "jpm-control");
        this.publisherThread = new Thread(this::publishLoop, "jpm-publisher");
        for (Thread t : new Thread[] {zapThread, controlThread, publisherThread}) {
            t.setDaemon(true);
            t.start();
        }
    }

    public static ControlServer start(JpmHome home, CurveKeys.Pair serverKeys, Handler handler, Consumer<String> log)
            throws IOException {
        return new ControlServer(home, serverKeys, handler, log);
    }

    private ZMQ.Socket curveServer(SocketType type, CurveKeys.Pair keys) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(0);
        s.setZAPDomain("jpm");
        s.setCurveServer(true);
        s.setCurveSecretKey(keys.secretBytes());
        s.setCurvePublicKey(keys.publicBytes());
        s.setHandshakeIvl(5_000);
        return s;
    }

    public String commandEndpoint() {
        return commandEndpoint;
    }

    public String eventEndpoint() {
        return eventEndpoint;
    }

    /** What a client of this server needs, as {@code daemon.json} holds it, for a daemon of this process. */
    public DaemonInfo info(String version, long startedAtMs) {
        return new DaemonInfo(
                version, ProcessHandle.current().pid(), commandEndpoint, eventEndpoint, serverPublicKey, startedAtMs);
    }

    public long droppedMessages() {
        return dropped.get();
    }

    /** Queues a JSON message for subscribers; never blocks. Returns false if it was dropped. */
    public boolean publish(String topic, Object payload) {
        if (payload instanceof WireValue w) return publishRaw(topic, Wire.bytes(w));
        try {
            return publishRaw(topic, Json.MAPPER.writeValueAsBytes(payload));
        } catch (IOException e) {
            log.accept("cannot encode a message for " + topic + ": " + e.getMessage());
            return false;
        }
    }

    /** Queues an already encoded JSON message; never blocks. Returns false if it was dropped. */
    public boolean publishRaw(String topic, byte[] json) {
        if (!running) return false;
        if (queuedBytes.addAndGet(json.length) <= PUBLISH_QUEUE_BYTES
                && outgoing.offer(new Outgoing(topic.getBytes(StandardCharsets.UTF_8), json))) {
            return true;
        }
        queuedBytes.addAndGet(-json.length);
        dropped.incrementAndGet();
        return false;
    }

    private void serve() {
        ZMQ.Poller poller = context.createPoller(2);
        try {
            poller.register(router, ZMQ.Poller.POLLIN);
            poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
            ByteBuffer drain = ByteBuffer.allocate(256);
            while (running) {
                poller.poll(500);
                if (!running) break;
                if (poller.pollin(1)) {
                    while (drain.clear() != null && wakeup.source().read(drain) > 0) {
                        // empty the pipe
                    }
                }
                receiveAll();
                sendCompleted();
            }
        } catch (org.zeromq.ZMQException | zmq.ZError.IOException | java.nio.channels.ClosedSelectorException e) {
            if (running) log.accept("control loop stopped: " + e);
        } catch (IOException | RuntimeException e) {
            log.accept("control loop failed: " + e);
        } finally {
            poller.close();
        }
    }

    private void receiveAll() {
        while (true) {
            byte[] identity = router.recv(ZMQ.DONTWAIT);
            if (identity == null) return;
            byte[][] rest = new byte[3][];
            int n = 0;
            while (router.hasReceiveMore()) {
                byte[] part = router.recv();
                if (n < rest.length) rest[n] = part;
                n++;
            }
            // A REQ client sends [identity][empty][body]; anything else is not ours to answer.
            if (n != 2 || rest[0].length != 0) continue;
            dispatch(identity, rest[1]);
        }
    }

    private void dispatch(byte[] identity, byte[] body) {
        RequestCodec.Decoded decoded = RequestCodec.decode(body);
        if (decoded.error() != null) {
            send(identity, decoded.error());
            return;
        }
        CompletableFuture<Reply> future = HandlerCalls.call(handler, decoded.request());
        if (future.isDone()) {
            send(identity, HandlerCalls.replyOf(future, log));
            return;
        }
        future.whenComplete((r, e) -> {
            completed.add(new Pending(identity, HandlerCalls.replyOf(future, log)));
            try {
                wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException ignored) {
                // the pipe is full or closed: the loop wakes on its own poll timeout
            }
        });
    }

    private void sendCompleted() {
        Pending p;
        while ((p = completed.poll()) != null) send(p.identity(), p.reply());
    }

    private void send(byte[] identity, Reply reply) {
        router.sendMore(identity);
        router.sendMore(new byte[0]);
        router.send(RequestCodec.encode(reply), ZMQ.DONTWAIT);
    }

    private void publishLoop() {
        try {
            while (running) {
                Outgoing m = outgoing.poll(500, TimeUnit.MILLISECONDS);
                if (m == null) continue;
                if (m.body() == POISON) break;
                queuedBytes.addAndGet(-m.body().length);
                pub.sendMore(m.topic());
                pub.send(m.body(), ZMQ.DONTWAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (org.zeromq.ZMQException | zmq.ZError.IOException e) {
            if (running) log.accept("publisher stopped: " + e);
        }
    }

    /** Stops serving: no new requests are read, then the sockets and context close. Bounded waits only. */
    @Override
    public void close() {
        if (!running) return;
        running = false;
        outgoing.clear();
        outgoing.offer(new Outgoing(new byte[0], POISON));
        try {
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException ignored) {
            // already closed
        }
        join(controlThread);
        join(publisherThread);
        zap.stop();
        join(zapThread);
        try {
            context.close();
        } finally {
            try {
                wakeup.source().close();
                wakeup.sink().close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
