package io.jpm.balancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback server for tests that greets each connection with {@code "backend <id>\n"} and then runs a handler. */
final class TestBackend implements AutoCloseable {

    /** What the backend does with a connection after the greeting; the socket is closed when it returns. */
    interface Handler {
        void handle(Socket socket, InputStream in, OutputStream out) throws IOException;
    }

    /** Sends back every byte until the client's end of stream, then closes. */
    static final Handler ECHO = (socket, in, out) -> in.transferTo(out);

    /** Echoes until it reads {@code !}, then resets the connection (SO_LINGER 0 and close). */
    static final Handler ECHO_THEN_RESET_ON_BANG = (socket, in, out) -> {
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '!') {
                socket.setSoLinger(true, 0);
                socket.close();
                return;
            }
            out.write(b);
        }
    };

    final int id;
    private final ServerSocket server;
    private final Handler handler;
    private final Thread acceptor;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TestBackend(int id, Handler handler) throws IOException {
        this.id = id;
        this.handler = handler;
        this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        this.acceptor =
                Thread.ofVirtual().name("test-backend-" + id + "-accept").start(this::acceptLoop);
    }

    static TestBackend start(int id, Handler handler) throws IOException {
        return new TestBackend(id, handler);
    }

    static TestBackend echo(int id) throws IOException {
        return start(id, ECHO);
    }

    static String greeting(int id) {
        return "backend " + id + "\n";
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections accepted and not yet closed. */
    int open() {
        return open.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(socket);
            Thread.ofVirtual().name("test-backend-" + id).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(greeting(id).getBytes(StandardCharsets.US_ASCII));
            handler.handle(socket, socket.getInputStream(), out);
        } catch (IOException ignored) {
            // Resets and closes are part of what the tests do.
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
