package io.jpm.ipc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Run by {@link ControlPlaneTest} in a JVM with the daemon's small default thread stacks: a subscriber sends the
 * longest subscription the server admits and leaves, then the server must still publish to a new subscriber and
 * close within its limit. Exits 0 when it did, 1 (with the reason on stderr) when not.
 */
final class LongSubscriptionProbe {
    private LongSubscriptionProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jpm-long-sub");
        AtomicReference<ControlServer> server = new AtomicReference<>();
        TestServer t = new TestServer(dir, r -> {
            if (r instanceof Request.Hello h) server.get().publishRaw(h.topic(), "{}".getBytes(StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(TreeReplies.ok(Map.of()));
        });
        server.set(t.server);
        // CURVE's envelope counts against the cap, so the longest subscription admitted is a little shorter than
        // it: each size near the cap goes on a connection of its own (a refused one closes it); the client's own
        // trie gets as deep, so the client has a big stack and only the server is under test
        for (int size = ControlServer.MAX_SUBSCRIPTION_BYTES;
                size > ControlServer.MAX_SUBSCRIPTION_BYTES - 80;
                size -= 8) {
            int n = size;
            Thread subscriber = new Thread(null, () -> subscribeAndLeave(t, n), "long-subscriber", 1L << 26);
            subscriber.start();
            subscriber.join();
        }
        for (int i = 0; i < 10; i++) {
            t.server.publishRaw(
                    "event.x",
                    ("{\"n\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8)); // the publisher handles the departure on its next send
            Thread.sleep(100);
        }
        try (ControlClient c = new ControlClient(t.info, t.clientKeys);
                EventSubscriber sub = new EventSubscriber(t.info, t.clientKeys, "event.api")) {
            if (!sub.awaitSubscribed(c, 10_000)) fail("a new subscriber got no hello after the long one left");
            t.server.publishRaw("event.api", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
            Optional<Event> e = sub.next(5_000);
            if (e.isEmpty()) fail("a new subscriber got no event after the long one left");
        }
        long start = System.nanoTime();
        t.close();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > 15_000) fail("close took " + ms + " ms");
        System.exit(0);
    }

    private static void subscribeAndLeave(TestServer t, int size) {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket xsub = ctx.createSocket(SocketType.XSUB);
            xsub.setLinger(0);
            xsub.setCurveServerKey(ZMQ.Curve.z85Decode(t.info.serverPublicKey()));
            xsub.setCurvePublicKey(t.clientKeys.publicBytes());
            xsub.setCurveSecretKey(t.clientKeys.secretBytes());
            xsub.connect(t.info.eventEndpoint());
            byte[] subscription = new byte[size];
            Arrays.fill(subscription, (byte) 'x');
            subscription[0] = 1;
            xsub.send(subscription, 0);
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fail(String why) {
        System.err.println(why);
        System.exit(1);
    }
}
