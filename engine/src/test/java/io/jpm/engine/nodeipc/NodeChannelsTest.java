package io.jpm.engine.nodeipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.process.Posix;
import io.jpm.engine.process.UnixStream;
import io.jpm.testing.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon's end of node's IPC channel against a hand-driven worker end (a real socket pair): what is delivered,
 * what is dropped and logged once, and that a hostile worker leaves the reader serving.
 */
class NodeChannelsTest {
    static final long PID = 424242;

    final List<NodeMessage> received = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();
    NodeChannels channels;
    int worker = -1;

    /** A channel for {@link #PID}; returns the worker's end. */
    int connect() throws IOException {
        channels = NodeChannels.start((pid, m) -> received.add(m), warnings::add, System::nanoTime);
        NodeChannels.Pending p = channels.open();
        worker = Posix.dupAbove(p.theirs(), 3);
        channels.attach(p, PID);
        return worker;
    }

    @AfterEach
    void close() {
        if (channels != null) channels.close();
        if (worker >= 0) Posix.close(worker);
    }

    /** Writes all of {@code text} from the worker's end, waiting while the daemon's buffer is full. */
    static void write(int fd, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int off = 0;
        while (off < bytes.length) {
            int n = UnixStream.send(fd, bytes, off, -1);
            if (n == UnixStream.WOULD_BLOCK) Thread.sleep(1);
            else off += n;
        }
    }

    @Test
    void garbageAndAHugeLineAreDroppedOnceAndTheNextReadyCounts() throws Exception {
        int fd = connect();
        write(fd, "{{{ not json\n\"not ready\"\n[1,2]\n{\"cmd\":\"NODE_CLUSTER\",\"act\":\n");
        write(fd, "\"" + "x".repeat(10 * 1024 * 1024) + "\"\n");
        write(fd, "\"" + "y".repeat(10 * 1024 * 1024) + "\"\n");
        write(fd, "\"ready\"\n");
        Await.until("ready delivered", () -> !received.isEmpty());
        assertEquals(List.of(new NodeMessage.Ready()), received);
        assertEquals(1, warnings.stream().filter(w -> w.contains("longer than")).count(), warnings.toString());
        assertTrue(channels.connected(PID));
    }

    @Test
    void aFloodOfClusterMessagesIsCappedAndLoggedOnce() throws Exception {
        int fd = connect();
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 5 * NodeChannels.MAX_PER_SECOND; i++) {
            flood.append("{\"cmd\":\"NODE_CLUSTER\",\"act\":\"online\",\"seq\":")
                    .append(i)
                    .append("}\n");
        }
        write(fd, flood.toString());
        write(fd, "\"ready\"\n");
        Await.until("ready delivered", () -> received.contains(new NodeMessage.Ready()));
        long notices = received.stream()
                .filter(m -> m instanceof NodeMessage.ClusterNotice)
                .count();
        assertTrue(notices <= 2L * NodeChannels.MAX_PER_SECOND, notices + " cluster messages delivered");
        assertEquals(1, warnings.stream().filter(w -> w.contains("a second")).count(), warnings.toString());
    }

    @Test
    void aQueryServerIsReadAndItsAnswerCarriesTheDescriptor() throws Exception {
        int fd = connect();
        write(
                fd,
                "{\"cmd\":\"NODE_CLUSTER\",\"act\":\"queryServer\",\"index\":0,\"data\":null,\"address\":null,"
                        + "\"port\":3000,\"addressType\":4,\"fd\":-1,\"seq\":7}\n");
        Await.until("query delivered", () -> !received.isEmpty());
        NodeMessage.QueryServer q = assertInstanceOf(NodeMessage.QueryServer.class, received.get(0));
        assertEquals(7, q.seq());
        assertEquals(3000, q.port());
        assertEquals(null, q.address());
        assertEquals("null:3000:4:-1:0", q.key());
        assertTrue(channels.answer(PID, q, 0, fd)); // any descriptor will do
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        int n = Posix.read(fd, in, 4096);
        byte[] bytes = new byte[n];
        in.get(bytes);
        String line = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(
                line.startsWith("{\"cmd\":\"NODE_HANDLE\",\"type\":\"net.Native\",\"msg\":{\"cmd\":\"NODE_CLUSTER\""),
                line);
        assertTrue(
                line.contains("\"ack\":7") && line.contains("\"key\":\"null:3000:4:-1:0\"") && line.endsWith("}\n"),
                line);
    }

    @Test
    void aWorkerThatClosesItsEndIsForgotten() throws Exception {
        int fd = connect();
        assertTrue(channels.send(PID, "\"shutdown\""));
        Posix.close(fd);
        worker = -1;
        Await.until("channel gone", () -> !channels.connected(PID));
        assertFalse(channels.send(PID, "\"shutdown\""));
    }
}
