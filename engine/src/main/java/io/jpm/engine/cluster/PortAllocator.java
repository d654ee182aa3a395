package io.jpm.engine.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * Picks the private loopback port of each cluster worker process.
 *
 * <p>Ports come from just below the kernel's ephemeral range, never from it: the balancer opens an outgoing
 * connection per client, and each of those holds an ephemeral port, so a port taken from that range could be busy
 * again by the time the worker binds it. The cursor starts at a random place so that two daemons on one host rarely
 * try the same ports, and a port is handed out only if a test bind on 127.0.0.1 succeeds now. A worker that still
 * loses the race fails to listen, exits, and its replacement gets another port.
 */
final class PortAllocator {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int SPAN = 10_000;

    private final int low;
    private final int high;
    private int cursor;

    PortAllocator(int low, int high, int start) {
        if (low < 1 || high > 65535 || low > high)
            throw new IllegalArgumentException("bad port range " + low + ".." + high);
        this.low = low;
        this.high = high;
        this.cursor = Math.floorMod(start - low, high - low + 1) + low;
    }

    /** The range below this host's ephemeral ports (32768 when it cannot be read). */
    static PortAllocator forThisHost() {
        int ephemeralLow = 32768;
        try {
            String[] parts = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            ephemeralLow = Integer.parseInt(parts[0]);
        } catch (IOException | RuntimeException e) {
            // keep Linux's default
        }
        int high = Math.min(65535, ephemeralLow - 1);
        int low = Math.max(1024, high - SPAN);
        if (high - low < 100) { // an odd range that starts low: use the top of the port space instead
            low = 60000;
            high = 65535;
        }
        return new PortAllocator(low, high, ThreadLocalRandom.current().nextInt(low, high + 1));
    }

    /**
     * The next port that {@code inUse} does not claim and that can be bound on 127.0.0.1 now.
     *
     * @throws IOException if every port of the range was tried
     */
    int next(IntPredicate inUse) throws IOException {
        int size = high - low + 1;
        for (int i = 0; i < size; i++) {
            int candidate = cursor;
            cursor = cursor == high ? low : cursor + 1;
            if (!inUse.test(candidate) && bindable(candidate)) return candidate;
        }
        throw new IOException("no free loopback port in " + low + ".." + high);
    }

    int low() {
        return low;
    }

    int high() {
        return high;
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as node and python's http.server do: a TIME_WAIT leftover does not block them
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
