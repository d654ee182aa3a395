// Micro benchmark of io.jpm.balancer on loopback: the same load straight to the backends and through the balancer.
// Run it with bench/balancer-throughput.sh, which builds the module first. It prints figures, asserts nothing.

import io.jpm.balancer.Balancer;
import io.jpm.balancer.BalancerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

public class BalancerThroughput {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long SECONDS = Long.getLong("seconds", 5);

    public static void main(String[] args) throws Exception {
        List<ServerSocket> backends = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            backends.add(echoServer());
        }
        try (Balancer balancer = Balancer.start(BalancerConfig.of(0).withHost("127.0.0.1"))) {
            for (int i = 0; i < backends.size(); i++) {
                balancer.addBackend(i, new InetSocketAddress(LOOPBACK, backends.get(i).getLocalPort()));
            }
            int direct = backends.get(0).getLocalPort();
            int proxied = balancer.port();
            System.out.printf("balancer micro bench: %d cores, %d s per run, loopback%n",
                    Runtime.getRuntime().availableProcessors(), SECONDS);
            System.out.printf("%-34s %14s %14s %7s%n", "load", "direct", "balancer", "ratio");
            report("bulk echo, 4 conns (MB/s each way)", bulk(direct, 4), bulk(proxied, 4));
            report("ping-pong 100 B, 64 conns (req/s)", pingPong(direct, 64), pingPong(proxied, 64));
            report("connect+echo+close, 16 thr (conn/s)", churn(direct, 16), churn(proxied, 16));
        } finally {
            for (ServerSocket backend : backends) {
                backend.close();
            }
        }
    }

    static void report(String load, double direct, double proxied) {
        System.out.printf("%-34s %14.0f %14.0f %7.2f%n", load, direct, proxied, proxied / direct);
    }

    static ServerSocket echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 4096, LOOPBACK);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            socket.setTcpNoDelay(true);
                            socket.getInputStream().transferTo(socket.getOutputStream());
                        } catch (IOException ignored) {
                            // The client went away.
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket(LOOPBACK, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Each connection writes for the run's time while reading the echo; returns MB/s echoed. */
    static double bulk(int port, int connections) throws Exception {
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        long start = System.nanoTime();
        long bytes = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                results.add(pool.submit(() -> {
                    try (Socket socket = connect(port)) {
                        Future<?> writer = pool.submit(() -> {
                            byte[] chunk = new byte[64 * 1024];
                            OutputStream out = socket.getOutputStream();
                            while (System.nanoTime() - deadline < 0) {
                                out.write(chunk);
                            }
                            socket.shutdownOutput();
                            return null;
                        });
                        long read = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                        writer.get();
                        return read;
                    }
                }));
            }
            for (Future<Long> result : results) {
                bytes += result.get();
            }
        }
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    /** Each connection sends 100 bytes and waits for them back, over and over; returns round trips per second. */
    static double pingPong(int port, int connections) throws Exception {
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        long start = System.nanoTime();
        AtomicInteger trips = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                results.add(pool.submit(() -> {
                    try (Socket socket = connect(port)) {
                        byte[] message = new byte[100];
                        OutputStream out = socket.getOutputStream();
                        InputStream in = socket.getInputStream();
                        while (System.nanoTime() - deadline < 0) {
                            out.write(message);
                            in.readNBytes(message, 0, message.length);
                            trips.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
        return trips.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Each thread opens a connection, echoes one byte and closes, over and over; returns connections per second. */
    static double churn(int port, int threads) throws Exception {
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        long start = System.nanoTime();
        AtomicInteger connections = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    while (System.nanoTime() - deadline < 0) {
                        try (Socket socket = connect(port)) {
                            socket.getOutputStream().write(1);
                            if (socket.getInputStream().read() != 1) {
                                throw new IOException("no echo");
                            }
                        }
                        connections.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
        return connections.get() / ((System.nanoTime() - start) / 1e9);
    }
}
