package io.jpm.ipc.internal;

import java.util.Optional;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Answers ZAP (ZeroMQ authentication) requests: admits a CURVE client only if {@link Admission} knows its public
 * key, and gives the connection that key's user id, which every message on it then carries. Runs on its own thread
 * and owns its REP socket.
 */
public final class ZapHandler implements Runnable {
    public static final String ENDPOINT = "inproc://zeromq.zap.01";

    private final ZMQ.Socket socket;
    private final Admission admission;
    private final Consumer<String> log;
    private final Refusals refusals = new Refusals();
    private volatile boolean running = true;

    /** Which refused addresses were logged when; a refused client retries every few ms and must not fill the log. */
    static final class Refusals {
        private static final long QUIET_NANOS = 60_000_000_000L;
        private final java.util.Map<String, Long> lastLogged = new java.util.LinkedHashMap<>();

        boolean shouldLog(String address, long nowNanos) {
            Long last = lastLogged.get(address);
            if (last != null && nowNanos - last < QUIET_NANOS) return false;
            if (lastLogged.size() > 1_000) lastLogged.clear();
            lastLogged.put(address, nowNanos);
            return true;
        }
    }

    /** Binds the handler's socket; must be called before any CURVE socket of the context binds. */
    public ZapHandler(ZContext context, Admission admission, Consumer<String> log) {
        this.admission = admission;
        this.log = log;
        this.socket = context.createSocket(SocketType.REP);
        socket.setLinger(0);
        socket.setReceiveTimeOut(250);
        socket.bind(ENDPOINT);
    }

    @Override
    public void run() {
        try {
            while (running) {
                String version = socket.recvStr();
                if (version == null) continue;
                String requestId = socket.recvStr();
                socket.recvStr(); // domain
                String address = socket.recvStr();
                socket.recv(); // routing id
                String mechanism = socket.recvStr();
                byte[] credential = socket.hasReceiveMore() ? socket.recv() : new byte[0];
                while (socket.hasReceiveMore()) socket.recv();
                Optional<String> user = "1.0".equals(version)
                                && "CURVE".equals(mechanism)
                                && credential != null
                                && credential.length == 32
                        ? admission.userIdOf(ZMQ.Curve.z85Encode(credential))
                        : Optional.empty();
                boolean allowed = user.isPresent();
                if (!allowed && refusals.shouldLog(address, System.nanoTime())) {
                    log.accept("refused a " + mechanism + " client from " + address + ": unknown key"
                            + " (logged once a minute per address)");
                }
                socket.sendMore("1.0");
                socket.sendMore(requestId);
                socket.sendMore(allowed ? "200" : "400");
                socket.sendMore(allowed ? "OK" : "not an authorized key");
                socket.sendMore(user.orElse(""));
                socket.send(new byte[0]);
            }
        } catch (org.zeromq.ZMQException | zmq.ZError.IOException e) {
            // context closed: the daemon is shutting down
        }
    }

    /** Makes {@link #run} return within its receive timeout. */
    public void stop() {
        running = false;
    }
}
