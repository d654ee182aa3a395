// Hostile input on the daemon's doors, for bench/faults.sh: random and mutated frames on the command socket (as an
// authorised CURVE client), random subscription and message frames on the event socket, and raw garbage and idle
// half-open connections on both TCP ports (as an unauthorised stranger). After each batch a real client must get an
// answer to ping. Usage (JPM_HOME set): java -cp 'tui/target/lib/*' HostileFrames.java <frames per batch> <seed>
// Also the local control socket (JPM_HOME/rpc.sock): frames whose length header lies, is over the cap, or is cut.
// Prints one line per door: "<door> sent=<n> replies=<n> ping_failures=<n>".
import io.jpm.ipc.ControlClient;
import io.jpm.ipc.CurveKeys;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Request;
import io.jpm.ipc.internal.CurveClientOptions;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

public class HostileFrames {
    static final String[] VALID = {
        "{\"cmd\":\"ping\"}",
        "{\"cmd\":\"list\"}",
        "{\"cmd\":\"describe\",\"target\":\"nope\"}",
        "{\"cmd\":\"scale\",\"app\":\"nope\",\"count\":\"+1\"}",
        "{\"cmd\":\"logs\",\"target\":\"all\",\"lines\":10}",
        "{\"cmd\":\"start\",\"apps\":[{\"name\":\"x\",\"script\":\"/nonexistent/x\"}],\"env\":{},\"cwd\":\"/tmp\"}",
    };

    static final String INSERTS = "{}[]\",:\\0\u00ff";

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        JpmHome home = JpmHome.fromEnvironment(System.getenv());
        DaemonInfo daemon = DaemonInfo.read(home).orElseThrow(() -> new IllegalStateException("no daemon"));
        CurveKeys.Pair keys = CurveKeys.read(home.keys().resolve("client.key"));
        try (ZContext context = new ZContext()) {
            commandSocket(context, daemon, keys, n, random);
            eventSocket(context, daemon, keys, n, random);
        }
        rawTcp(daemon, n, random);
        localSocket(home, daemon, keys, n, random);
    }

    /** The local control socket: a 4-byte length, then that many bytes; here the length often lies. */
    static void localSocket(JpmHome home, DaemonInfo daemon, CurveKeys.Pair keys, int n, Random random)
            throws Exception {
        int replies = 0;
        int pingFailures = 0;
        var address = java.net.UnixDomainSocketAddress.of(home.controlSocket());
        for (int i = 0; i < n; i++) {
            byte[] body = frame(random);
            int declared =
                    switch (random.nextInt(6)) {
                        case 0 -> random.nextInt(); // any length, negative ones too
                        case 1 -> 5 * 1024 * 1024; // over the cap
                        case 2 -> body.length + 1 + random.nextInt(100); // more than is sent: the daemon waits
                        default -> body.length;
                    };
            try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                ch.connect(address);
                java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(4 + body.length);
                out.putInt(declared).put(body).flip();
                boolean cut = random.nextInt(10) == 0;
                if (cut) out.limit(4 + random.nextInt(body.length + 1)); // the body cut short
                while (out.hasRemaining()) ch.write(out);
                // a whole frame or an impossible length is answered at once; the others wait for bytes never sent
                if (!cut && (declared == body.length || declared < 0 || declared > 4 * 1024 * 1024)) {
                    if (ch.read(java.nio.ByteBuffer.allocate(4096)) > 0) replies++;
                }
            } catch (java.io.IOException e) {
                // the daemon may close a connection it does not like
            }
            if (i % 25 == 24 && !ping(daemon, keys)) pingFailures++;
        }
        if (!ping(daemon, keys)) pingFailures++;
        System.out.println("local-socket sent=" + n + " replies=" + replies + " ping_failures=" + pingFailures);
    }

    static void commandSocket(ZContext context, DaemonInfo daemon, CurveKeys.Pair keys, int n, Random random) {
        int replies = 0;
        int pingFailures = 0;
        ZMQ.Socket s = context.createSocket(SocketType.DEALER);
        s.setLinger(0);
        CurveClientOptions.apply(s, daemon, keys, 2_000);
        s.setMaxMsgSize(64L * 1024 * 1024);
        s.setReceiveTimeOut(3_000);
        s.connect(daemon.commandEndpoint());
        for (int i = 0; i < n; i++) {
            byte[] frame = frame(random);
            int shape = random.nextInt(10);
            if (shape == 0) { // no empty delimiter: not a REQ envelope
                s.send(frame, 0);
            } else if (shape == 1) { // several frames after the delimiter
                s.sendMore(new byte[0]);
                s.sendMore(frame);
                s.send(frame(random), 0);
            } else {
                s.sendMore(new byte[0]);
                s.send(frame, 0);
            }
            byte[] r;
            while ((r = s.recv(shape <= 1 ? ZMQ.DONTWAIT : 0)) != null) {
                if (r.length > 0) replies++;
                if (!s.hasReceiveMore()) break;
            }
            if (i % 25 == 24 && !ping(daemon, keys)) pingFailures++;
        }
        if (!ping(daemon, keys)) pingFailures++;
        System.out.println("command-socket sent=" + n + " replies=" + replies + " ping_failures=" + pingFailures);
    }

    static void eventSocket(ZContext context, DaemonInfo daemon, CurveKeys.Pair keys, int n, Random random) {
        int pingFailures = 0;
        ZMQ.Socket s = context.createSocket(SocketType.XSUB);
        s.setLinger(0);
        CurveClientOptions.apply(s, daemon, keys, 2_000);
        s.connect(daemon.eventEndpoint());
        for (int i = 0; i < n; i++) {
            byte[] frame = frame(random);
            // JeroMQ keeps subscriptions in a trie that it walks recursively, one level per byte, on both sides:
            // long ones are sent once, below, from a thread with a stack big enough for this client's side
            if (frame.length > 1024) frame = java.util.Arrays.copyOf(frame, 1024);
            if (frame.length > 0 && random.nextBoolean()) frame[0] = (byte) random.nextInt(2); // (un)subscribe
            s.send(frame, random.nextInt(8) == 0 ? ZMQ.SNDMORE : 0);
            if (i % 25 == 24 && !ping(daemon, keys)) pingFailures++;
        }
        s.send(new byte[0], 0);
        if (!ping(daemon, keys)) pingFailures++;
        int longFailures = 0;
        for (int size : new int[] {16 * 1024, 256 * 1024}) {
            byte[] sub = new byte[size];
            java.util.Arrays.fill(sub, (byte) 'x');
            sub[0] = 1;
            Thread t = new Thread(null, () -> s.send(sub, 0), "long-subscription", 1L << 30);
            t.start();
            try {
                t.join();
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!ping(daemon, keys)) longFailures++;
            System.err.println("long subscription of " + size + " bytes: ping " + (longFailures == 0 ? "ok" : "FAILED"));
        }
        System.out.println("event-socket sent=" + (n + 2) + " replies=0 ping_failures=" + (pingFailures + longFailures));
    }

    /** Strangers without keys: garbage on a fresh TCP connection, and connections that never finish a handshake. */
    static void rawTcp(DaemonInfo daemon, int n, Random random) throws Exception {
        int pingFailures = 0;
        CurveKeys.Pair keys = CurveKeys.read(JpmHome.fromEnvironment(System.getenv()).keys().resolve("client.key"));
        List<Socket> idle = new ArrayList<>();
        for (String endpoint : List.of(daemon.commandEndpoint(), daemon.eventEndpoint())) {
            URI uri = URI.create(endpoint);
            for (int i = 0; i < n; i++) {
                try (Socket raw = new Socket(uri.getHost(), uri.getPort())) {
                    OutputStream out = raw.getOutputStream();
                    byte[] junk = new byte[random.nextInt(4) == 0 ? 70_000 : random.nextInt(512)];
                    random.nextBytes(junk);
                    if (random.nextBoolean() && junk.length >= 10) { // a plausible ZMTP greeting, then garbage
                        junk[0] = (byte) 0xff;
                        junk[9] = 0x7f;
                    }
                    out.write(junk);
                    out.flush();
                } catch (java.io.IOException e) {
                    // the daemon may cut a connection it does not like: that is its right
                }
                if (i % 10 == 0) idle.add(new Socket(uri.getHost(), uri.getPort()));
                if (i % 25 == 24 && !ping(daemon, keys)) pingFailures++;
            }
        }
        if (!ping(daemon, keys)) pingFailures++; // with the idle connections still open
        for (Socket s : idle) s.close();
        System.out.println("raw-tcp sent=" + (2 * n) + " idle=" + idle.size() + " replies=0 ping_failures=" + pingFailures);
    }

    static byte[] frame(Random random) {
        int kind = random.nextInt(6);
        if (kind == 0) { // random bytes
            byte[] b = new byte[random.nextInt(2048)];
            random.nextBytes(b);
            return b;
        }
        if (kind == 1 && random.nextInt(10) == 0) { // over the 4 MiB cap
            byte[] b = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(b, (byte) '[');
            return b;
        }
        if (kind == 2) { // deep nesting
            int depth = 1 + random.nextInt(100_000);
            return ("{\"cmd\":\"ping\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
        }
        byte[] b = VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.UTF_8); // mutated
        int edits = random.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                default -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) INSERTS.charAt(random.nextInt(INSERTS.length()));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    static boolean ping(DaemonInfo daemon, CurveKeys.Pair keys) {
        try (ControlClient c = new ControlClient(daemon, keys)) {
            return c.call(new Request.Ping()).ok();
        } catch (Exception e) {
            System.err.println("ping failed: " + e);
            return false;
        }
    }
}
