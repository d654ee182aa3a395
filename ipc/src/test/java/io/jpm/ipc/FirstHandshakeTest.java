package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new client's first request must be answered on its first socket, with no Lazy Pirate retry. JeroMQ 0.6.0 leaves
 * about one new connection in 20 without its handshake; the client's handshake timer must recover it in place.
 */
class FirstHandshakeTest {
    private static final int CLIENTS = 80;

    @TempDir
    Path tmp;

    TestServer t;

    @BeforeEach
    void startServer() throws Exception {
        t = new TestServer(tmp, r -> CompletableFuture.completedFuture(TreeReplies.ok(Map.of("pong", true))));
    }

    @AfterEach
    void stopServer() {
        t.close();
    }

    @Test
    void everyNewClientIsAnsweredOnItsFirstSocket() {
        int lost = 0;
        for (int i = 0; i < CLIENTS; i++) {
            try (ControlClient c = new ControlClient(t.info, t.clientKeys)) {
                // No retry, and a wait far above a handshake's cost: only a handshake that never starts fails here.
                Reply r = c.call(new Request.Ping(), 10_000, 0);
                assertTrue(r.ok());
            } catch (DaemonUnreachableException e) {
                lost++;
            }
        }
        assertEquals(0, lost, "first requests never answered out of " + CLIENTS);
    }
}
