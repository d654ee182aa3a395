package io.jpm.tui.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Plain HTTP/1.0 {@code Connection: close} requests over raw sockets, one at a time or as a background load. */
final class HttpLoad implements AutoCloseable {
    private final int port;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    final AtomicInteger ok = new AtomicInteger();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final Set<String> bodies = ConcurrentHashMap.newKeySet();

    private HttpLoad(int port) {
        this.port = port;
    }

    /** Starts {@code clients} threads that each send one request after another until {@link #close}. */
    static HttpLoad start(int port, int clients) {
        HttpLoad load = new HttpLoad(port);
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(load::loop, "http-load-" + i);
            t.setDaemon(true);
            load.threads.add(t);
            t.start();
        }
        return load;
    }

    private void loop() {
        while (running) {
            try {
                bodies.add(get(port));
                ok.incrementAndGet();
            } catch (IOException e) {
                failures.add(e.toString());
            }
        }
    }

    /** One request; returns the body of a 200 answer, and throws for anything else (refused, reset, empty). */
    static String get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3_000);
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write("GET / HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!response.startsWith("HTTP/1.")
                    || !response.substring(0, response.indexOf('\n') + 1).contains(" 200")) {
                throw new IOException(
                        "not a 200 answer: \"" + response.lines().findFirst().orElse("") + "\"");
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    /** A port nothing listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stops the clients and waits for their last requests. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(15_000);
    }
}
