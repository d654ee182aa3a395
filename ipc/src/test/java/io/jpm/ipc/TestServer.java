package io.jpm.ipc;

import java.io.IOException;
import java.nio.file.Path;

/** A real CURVE control server in a fresh home under {@code dir}, with the client keys a test connects with. */
final class TestServer implements AutoCloseable {
    final JpmHome home;
    final ControlServer server;
    final DaemonInfo info;
    final CurveKeys.Pair clientKeys;

    TestServer(Path dir, ControlServer.Handler handler) throws IOException {
        home = JpmHome.at(dir.resolve("home")).ensureCreated();
        CurveKeys.Pair serverKeys = CurveKeys.serverPair(home);
        clientKeys = CurveKeys.clientPair(home);
        server = ControlServer.start(home, serverKeys, handler, msg -> {});
        info = server.info("test", 0);
    }

    @Override
    public void close() {
        server.close();
    }
}
