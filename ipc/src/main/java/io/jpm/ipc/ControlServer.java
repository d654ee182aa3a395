package io.jpm.ipc;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.jpm.ipc.internal.Admission;
import io.jpm.ipc.internal.RequestCodec;
import io.jpm.ipc.internal.ZapHandler;
import io.jpm.ipc.internal.ZmqThreads;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The daemon's side of the control plane: a ROUTER socket for commands and a PUB socket for events, both CURVE
 * servers behind a ZAP handler, bound to ephemeral ports on 127.0.0.1 and, once {@link #listenRemote} is called,
 * also on an address that other hosts reach. Every message carries the user id that the ZAP handler gave its
 * connection: local clients are admitted always, other hosts' keys while {@code keys/authorized} lists them; a
 * command from a key revoked since its connection was made gets no reply, and a revocation drops every remote
 * connection (the remote endpoints are bound anew, so that clients must pass the ZAP handler again).
 *
 * <p>Threading: each ZeroMQ socket is owned by exactly one thread. {@code jpm-control} owns the ROUTER; it decodes
 * a request and calls the {@link Handler} on its own thread, so handlers must return quickly and hand slow work
 * (a rolling reload) to another thread, completing the future later; replies completed elsewhere come back to
 * {@code jpm-control} through a queue and a wake-up pipe. {@code jpm-publisher} owns the PUB and drains a bounded
 * queue ({@link EventPublisher}); {@link #publish} may be called from any thread and never blocks: when the queue is
 * full the message is dropped and counted (files, not subscribers, are the record). {@code jpm-zap} owns the ZAP
 * socket. Binding and unbinding the remote endpoints ({@link RemoteEndpoint}) are tasks that each socket's owner
 * runs.
 *
 * <p>It is longer than most because the command loop, the admission of each command (a key revoked since its
 * connection, a remote client asking for remote access) and the order of the remote binding (the ROUTER first, then
 * the PUB, undone together) share jpm-control's sockets; the event side is {@link EventPublisher}'s.
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
    /**
     * Messages queued per subscriber before the PUB drops for it. Log messages are about 8 KiB at most, so a stalled
     * subscriber (a paused {@code jpm logs | less}) costs about 40 MiB of heap at worst, not gigabytes. Not much
     * lower: a client still warming up (CURVE in an interpreted JVM) must not lose its hello behind chatty workers.
     */
    private static final int SUBSCRIBER_HWM = 5_000;

    /** How long {@link #close} waits for JeroMQ to terminate the context. */
    private static final long CONTEXT_CLOSE_MS = 5_000;

    private record Pending(byte[] identity, Reply reply) {}

    /** How often the control loop looks for revoked keys. */
    private static final long REVOCATION_CHECK_NANOS = 200_000_000L;

    private final ZContext context;
    private final ZMQ.Socket router;
    private final EventPublisher publisher;
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

    private final Thread controlThread;
    private final Thread zapThread;
    private final ZapHandler zap;
    private final Admission admission;
    private final Consumer<String> audit;
    /** Tasks for jpm-control, which owns the ROUTER: binding and unbinding its remote endpoint. */
    private final OwnerTasks routerTasks;
    /** Where other hosts reach this server, or null; set by {@link #listenRemote}, read by any thread. */
    private volatile RemoteListen remote;
    /** The ROUTER's remote endpoint; jpm-control's. */
    private final RemoteEndpoint routerRemote;
    /** When jpm-control last looked for revoked keys; jpm-control's. */
    private long lastRevocationCheck;

    private volatile boolean running = true;

    private ControlServer(
            JpmHome home, CurveKeys.Pair serverKeys, Handler handler, Consumer<String> log, Consumer<String> audit)
            throws IOException {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.log = Objects.requireNonNull(log, "log");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.admission = new Admission(home.keys());
        this.routerTasks = new OwnerTasks(log);
        this.context = new ZContext(1);
        ZmqThreads.configure(context, log);
        this.wakeup = Pipe.open();
        wakeup.source().configureBlocking(false);
        wakeup.sink().configureBlocking(false);
        this.zap = new ZapHandler(context, admission, log);
        this.router = curveServer(SocketType.ROUTER, serverKeys);
        router.setMaxMsgSize(MAX_REQUEST_BYTES);
        router.setRouterMandatory(false);
        router.bind("tcp://127.0.0.1:*");
        this.commandEndpoint = router.getLastEndpoint();
        this.routerRemote = new RemoteEndpoint(router);
        ZMQ.Socket pub = curveServer(SocketType.PUB, serverKeys);
        // subscriptions only come this way; each byte of one is a level of JeroMQ's subscription trie, which it
        // removes recursively when the subscriber leaves: a 16 KiB one overflowed the publisher's stack
        pub.setMaxMsgSize(MAX_SUBSCRIPTION_BYTES);
        pub.setSndHWM(SUBSCRIBER_HWM);
        pub.bind("tcp://127.0.0.1:*");
        this.eventEndpoint = pub.getLastEndpoint();
        this.serverPublicKey = serverKeys.publicKey();
        this.zapThread = new Thread(zap, "jpm-zap");
        this.controlThread = new Thread(this::serve, "jpm-control");
        this.publisher = new EventPublisher(pub, log);
        for (Thread t : new Thread[] {zapThread, controlThread}) {
            t.setDaemon(true);
            t.start();
        }
    }

    public static ControlServer start(JpmHome home, CurveKeys.Pair serverKeys, Handler handler, Consumer<String> log)
            throws IOException {
        return new ControlServer(home, serverKeys, handler, log, log);
    }

    /** As {@link #start(JpmHome, CurveKeys.Pair, Handler, Consumer)}; {@code audit} records every remote command. */
    public static ControlServer start(
            JpmHome home, CurveKeys.Pair serverKeys, Handler handler, Consumer<String> log, Consumer<String> audit)
            throws IOException {
        return new ControlServer(home, serverKeys, handler, log, audit);
    }

    /**
     * Binds the command and event sockets also at {@code where} (commands on its port, events on the next), or,
     * with null, unbinds them: other hosts lose their connections. Completes once both sockets' owners have done
     * it, or exceptionally with the bind's error (then nothing stays bound).
     */
    public CompletableFuture<Void> listenRemote(RemoteListen where) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> routerDone = new CompletableFuture<>();
        routerTasks.add(
                () -> complete(routerDone, () -> routerRemote.rebind(where == null ? null : where.commandEndpoint())));
        wake();
        routerDone.whenComplete((ok, routerError) -> {
            if (routerError != null) {
                done.completeExceptionally(routerError);
                return;
            }
            publisher.run(() -> {
                try {
                    publisher.rebindRemote(where == null ? null : where.eventEndpoint());
                    remote = where;
                    done.complete(null);
                } catch (RuntimeException e) {
                    routerTasks.add(() -> routerRemote.rebind(null));
                    wake();
                    remote = null;
                    done.completeExceptionally(e);
                }
            });
        });
        return done;
    }

    /** Where other hosts reach this server, if they may. */
    public java.util.Optional<RemoteListen> remote() {
        return java.util.Optional.ofNullable(remote);
    }

    public String serverPublicKey() {
        return serverPublicKey;
    }

    private static void complete(CompletableFuture<Void> f, Runnable task) {
        try {
            task.run();
            f.complete(null);
        } catch (RuntimeException e) {
            f.completeExceptionally(e);
        }
    }

    private void wake() {
        try {
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException ignored) {
            // the pipe is full or closed: the loop wakes on its own poll timeout
        }
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
        return publisher.dropped();
    }

    /** Queues a message for subscribers; never blocks. Returns false if it was dropped. */
    public boolean publish(String topic, WireValue message) {
        return publishRaw(topic, Wire.bytes(message));
    }

    /** Queues an already encoded JSON message; never blocks. Returns false if it was dropped. */
    public boolean publishRaw(String topic, byte[] json) {
        return running && publisher.publish(topic, json);
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
                routerTasks.runAll();
                dropRevokedConnections();
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
            zmq.Msg[] rest = new zmq.Msg[3];
            int n = 0;
            while (router.hasReceiveMore()) {
                zmq.Msg part = router.recvMsg(0);
                if (n < rest.length) rest[n] = part;
                n++;
            }
            // A REQ client sends [identity][empty][body]; anything else is not ours to answer.
            if (n != 2 || rest[0].size() != 0) continue;
            zmq.io.Metadata meta = rest[1].getMetadata();
            String user = meta == null ? null : meta.get(zmq.io.Metadata.USER_ID);
            if (!admission.stillAdmitted(user)) {
                log.accept("ignored a command from " + (user == null ? "an unknown client" : Admission.keyName(user))
                        + ": the key is no longer admitted");
                continue;
            }
            String peer = meta.get(zmq.io.Metadata.PEER_ADDRESS);
            dispatch(identity, rest[1].data(), Admission.LOCAL.equals(user) ? null : Admission.keyName(user), peer);
        }
    }

    /** After a key was revoked: binds the remote endpoints anew, which ends every connection made through them. */
    private void dropRevokedConnections() {
        long now = System.nanoTime();
        if (now - lastRevocationCheck < REVOCATION_CHECK_NANOS) return;
        lastRevocationCheck = now;
        if (!admission.revokedSinceLastCheck()) return;
        RemoteListen where = remote;
        if (where == null) return;
        log.accept("a key was revoked: dropping every remote connection; admitted clients reconnect");
        try {
            routerRemote.rebind(where.commandEndpoint());
        } catch (RuntimeException e) {
            log.accept("remote commands are off: " + e.getMessage());
        }
        publisher.run(() -> publisher.rebindRemote(where.eventEndpoint()));
    }

    /**
     * Answers one request; {@code keyName} is the remote client's key name, null for a local client, which alone
     * may change who reaches the daemon from elsewhere.
     */
    private void dispatch(byte[] identity, byte[] body, String keyName, String peer) {
        RequestCodec.Decoded decoded = RequestCodec.decode(body);
        if (decoded.error() != null) {
            send(identity, decoded.error());
            return;
        }
        if (keyName != null) {
            JsonTypeName wire = decoded.request().getClass().getAnnotation(JsonTypeName.class);
            audit.accept("remote command " + (wire == null ? "?" : wire.value()) + " from key " + keyName
                    + (peer == null ? "" : " at " + peer));
            if (decoded.request() instanceof Request.RemoteAccess) {
                send(identity, Reply.error(ErrorCode.BAD_ARGUMENT, "remote access is changed on the host itself"));
                return;
            }
        }
        CompletableFuture<Reply> future = HandlerCalls.call(handler, decoded.request());
        if (future.isDone()) {
            send(identity, HandlerCalls.replyOf(future, log));
            return;
        }
        future.whenComplete((r, e) -> {
            completed.add(new Pending(identity, HandlerCalls.replyOf(future, log)));
            wake();
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

    /** Stops serving: no new requests are read, then the sockets and context close. Bounded waits only. */
    @Override
    public void close() {
        if (!running) return;
        running = false;
        publisher.stop();
        try {
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException ignored) {
            // already closed
        }
        join(controlThread);
        join(publisher.thread());
        zap.stop();
        join(zapThread);
        try {
            if (!ZmqThreads.closeWithin(context, CONTEXT_CLOSE_MS)) {
                log.accept("the ZeroMQ context did not terminate within " + CONTEXT_CLOSE_MS + " ms; left to the exit");
            }
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
