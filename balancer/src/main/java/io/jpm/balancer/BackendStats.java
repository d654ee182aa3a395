package io.jpm.balancer;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A snapshot of one backend's counters, taken by {@link Balancer#stats()}.
 *
 * @param id the id the backend was added with
 * @param address where the balancer connects to reach it
 * @param inRotation whether new connections may go to it; false once removed or draining
 * @param activeConnections client connections assigned to it now, including those still connecting
 * @param totalConnections connections to it that were established since it was added
 * @param bytesIn bytes that clients sent to it through the balancer
 * @param bytesOut bytes that it sent back to clients through the balancer
 * @param failedConnects connects to it that were refused or timed out (each one was retried on another backend)
 * @param abortedConnections connections ended by an error, such as a reset from either side, rather than a clean close
 */
public record BackendStats(
        int id,
        InetSocketAddress address,
        boolean inRotation,
        int activeConnections,
        long totalConnections,
        long bytesIn,
        long bytesOut,
        long failedConnects,
        long abortedConnections) {

    public BackendStats {
        Objects.requireNonNull(address, "address");
    }
}
