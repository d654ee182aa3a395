package io.jpm.ipc.internal;

import io.jpm.ipc.CurveKeys;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Answers ZAP (ZeroMQ authentication) requests: admits a CURVE client only if its public key is one of
 * {@code JPM_HOME/keys/*.pub}. Runs on its own thread and owns its REP socket.
 */
public final class ZapHandler implements Runnable {
    public static final String ENDPOINT = "inproc://zeromq.zap.01";

    private final ZMQ.Socket socket;
    private final Path keysDir;
    private final Consumer<String> log;
    private volatile boolean running = true;

    /** Binds the handler's socket; must be called before any CURVE socket of the context binds. */
    public ZapHandler(ZContext context, Path keysDir, Consumer<String> log) {
        this.keysDir = keysDir;
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
                boolean allowed = "1.0".equals(version)
                        && "CURVE".equals(mechanism)
                        && credential != null
                        && credential.length == 32
                        && authorized().contains(ZMQ.Curve.z85Encode(credential));
                if (!allowed) log.accept("refused a " + mechanism + " client from " + address);
                socket.sendMore("1.0");
                socket.sendMore(requestId);
                socket.sendMore(allowed ? "200" : "400");
                socket.sendMore(allowed ? "OK" : "not an authorized key");
                socket.sendMore(allowed ? "jpm" : "");
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

    private Set<String> authorized() {
        return CurveKeys.authorizedClients(keysDir);
    }
}
