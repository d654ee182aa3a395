package io.jpm.balancer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/** Tells whether something accepts TCP connections at an address, for deciding when a worker is ready. */
public final class PortProbe {

    private PortProbe() {}

    /**
     * Connects to {@code address} and closes the connection at once. Blocks for at most {@code timeout}.
     *
     * @return true if the connect succeeded, false if it was refused, timed out or failed otherwise
     */
    public static boolean isAccepting(InetSocketAddress address, Duration timeout) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout <= 0: " + timeout);
        }
        if (address.isUnresolved()) {
            return false;
        }
        int millis = timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) >= 0
                ? Integer.MAX_VALUE
                : (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(address, millis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
