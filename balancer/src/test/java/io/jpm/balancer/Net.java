package io.jpm.balancer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Client-side helpers for the balancer tests: connecting, reading lines, waiting for a condition. */
final class Net {

    static final Duration WAIT = Duration.ofSeconds(10);

    private Net() {}

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads up to and without a newline; returns null at end of stream before any byte. */
    static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
    }

    /** Reads the backend's greeting and returns its id. */
    static int greeting(Socket socket) throws IOException {
        String line = readLine(socket);
        assertNotNull(line, "no greeting: the balancer closed the connection");
        assertTrue(line.startsWith("backend "), "not a greeting: " + line);
        return Integer.parseInt(line.substring("backend ".length()));
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends a line to an echo backend and returns the line that comes back. */
    static String echo(Socket socket, String text) throws IOException {
        send(socket, text + "\n");
        return readLine(socket);
    }

    /** An address where nothing listens, so connects to it are refused. */
    static InetSocketAddress deadAddress() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }

    static BackendStats statsOf(Balancer balancer, int id) {
        return balancer.stats().stream().filter(s -> s.id() == id).findFirst().orElse(null);
    }

    static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Names of live threads that belong to a balancer on {@code port}. */
    static List<String> balancerThreads(int port) {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (thread.isAlive() && name.startsWith("jpm-balancer-io-" + port + "-")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Names of live threads that belong to any balancer. */
    static List<String> anyBalancerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("jpm-balancer-"))
                .toList();
    }
}
