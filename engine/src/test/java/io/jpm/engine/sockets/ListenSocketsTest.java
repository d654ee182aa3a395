package io.jpm.engine.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.process.Posix;
import io.jpm.engine.process.Spawner;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenSocketsTest {
    @TempDir
    Path dir;

    private final ListenSockets sockets = new ListenSockets();
    private final List<Socket> clients = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (Socket c : clients) c.close();
        sockets.close();
    }

    @Test
    void aTcpSocketIsBoundOnceAndQueuesConnectionsUntilReleased() throws Exception {
        ListenSocket s = sockets.acquire("web", ListenAddress.tcp("127.0.0.1", 0));
        int port = s.address().port();
        assertTrue(port > 0, "the kernel's port is reported: " + s);
        assertTrue(s.inode() > 0, "inode: " + s);
        assertEquals(s, sockets.acquire("web", ListenAddress.tcp("127.0.0.1", 0)), "the same socket a second time");
        assertEquals(s, sockets.find("web", ListenAddress.tcp("127.0.0.1", 0)).orElseThrow());
        assertTrue(sockets.find("api", ListenAddress.tcp("127.0.0.1", 0)).isEmpty());

        for (int i = 0; i < 3; i++) clients.add(new Socket("127.0.0.1", port)); // nobody accepts: they wait
        assertEquals(OptionalInt.of(3), ListenSockets.acceptQueue(s));

        sockets.release("web");
        assertTrue(sockets.find("web", ListenAddress.tcp("127.0.0.1", 0)).isEmpty());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void retainOnlyClosesTheSocketsOfDeletedApps() throws Exception {
        ListenSocket web = sockets.acquire("web", ListenAddress.tcp("127.0.0.1", 0));
        sockets.acquire("api", ListenAddress.tcp("127.0.0.1", 0));
        sockets.retainOnly(java.util.Set.of("web", "other")::contains);
        assertTrue(sockets.find("api", ListenAddress.tcp("127.0.0.1", 0)).isEmpty());
        assertEquals(web, sockets.find("web", ListenAddress.tcp("127.0.0.1", 0)).orElseThrow());
    }

    @Test
    void aPortInUseIsAOneLineError() throws Exception {
        ListenSocket s = sockets.acquire("web", ListenAddress.tcp("127.0.0.1", 0));
        IOException e = assertThrows(
                IOException.class,
                () -> sockets.acquire(
                        "api", ListenAddress.tcp("127.0.0.1", s.address().port())));
        assertEquals("cannot listen on 127.0.0.1:" + s.address().port() + ": address already in use", e.getMessage());
    }

    @Test
    void everyAddressMeansIpv4AndIpv6Alike() throws Exception {
        ListenSocket s = sockets.acquire("web", ListenAddress.tcp(null, 0));
        clients.add(new Socket("127.0.0.1", s.address().port()));
        assertEquals(OptionalInt.of(1), ListenSockets.acceptQueue(s));
    }

    @Test
    void aUnixSocketReplacesAStaleFileAndIsRemovedOnRelease() throws Exception {
        Path path = dir.resolve("web.sock");
        try (var stale = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(path)); // closed without removing its file, as after a crash
        }
        assertTrue(Files.exists(path));
        sockets.acquire("web", ListenAddress.unix(path.toString()));
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertTrue(c.connect(UnixDomainSocketAddress.of(path)));
        }
        sockets.release("web");
        assertFalse(Files.exists(path), "the socket file is removed");
    }

    @Test
    void aLaterDaemonTakesTheSocketBackFromAWorkerThatHoldsIt() throws Exception {
        ListenAddress address = ListenAddress.tcp("127.0.0.1", 0);
        ListenSocket s = sockets.acquire("web", address);
        Spawner.Spawned worker = Spawner.spawn(
                List.of("sleep", "30"),
                dir,
                Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve("out"),
                dir.resolve("err"),
                List.of(s.fd()));
        try (ListenSockets later = new ListenSockets()) {
            ListenAddress same = ListenAddress.tcp("127.0.0.1", s.address().port());
            sockets.close(); // the first daemon is gone; only the worker holds the socket now
            ListenSocket back = later.takeBack("web", same, worker.pid()).orElseThrow();
            assertEquals(s.inode(), back.inode(), "the same socket, not a new one");
            clients.add(new Socket("127.0.0.1", same.port()));
            assertEquals(OptionalInt.of(1), ListenSockets.acceptQueue(back));
            assertTrue(later.takeBack("api", ListenAddress.tcp("127.0.0.1", 1), worker.pid())
                    .isEmpty());
        } finally {
            Posix.kill(worker.pid(), 9);
            worker.exit().get(10, TimeUnit.SECONDS);
            Posix.close(worker.stdout());
            Posix.close(worker.stderr());
        }
    }
}
