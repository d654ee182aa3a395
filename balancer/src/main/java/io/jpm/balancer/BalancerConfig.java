package io.jpm.balancer;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings a {@link Balancer} is started with; validated here and fixed for the balancer's life.
 *
 * @param host the address to listen on, or null for all addresses
 * @param port the public port, or 0 for an ephemeral one (see {@link Balancer#port()})
 * @param strategy how a backend is chosen for each new connection
 * @param idleTimeout how long a connection may move no bytes before it is closed; {@link Duration#ZERO} for never
 * @param connectTimeout how long a connect to a backend may take before the next backend is tried
 * @param ioThreads how many selector threads move bytes; each connection stays on one of them
 */
public record BalancerConfig(
        String host, int port, Strategy strategy, Duration idleTimeout, Duration connectTimeout, int ioThreads) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    public BalancerConfig {
        if (host != null && host.isBlank()) {
            throw new IllegalArgumentException("host is blank: \"" + host + "\" (use null for all addresses)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout < 0: " + idleTimeout);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout <= 0: " + connectTimeout);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads < 1: " + ioThreads);
        }
    }

    /** Defaults for everything but the port: all addresses, round robin, 10 min idle, 3 s connect, one thread per core. */
    public static BalancerConfig of(int port) {
        return new BalancerConfig(
                null,
                port,
                Strategy.ROUND_ROBIN,
                DEFAULT_IDLE_TIMEOUT,
                DEFAULT_CONNECT_TIMEOUT,
                Runtime.getRuntime().availableProcessors());
    }

    public BalancerConfig withHost(String host) {
        return new BalancerConfig(host, port, strategy, idleTimeout, connectTimeout, ioThreads);
    }

    public BalancerConfig withPort(int port) {
        return new BalancerConfig(host, port, strategy, idleTimeout, connectTimeout, ioThreads);
    }

    public BalancerConfig withStrategy(Strategy strategy) {
        return new BalancerConfig(host, port, strategy, idleTimeout, connectTimeout, ioThreads);
    }

    public BalancerConfig withIdleTimeout(Duration idleTimeout) {
        return new BalancerConfig(host, port, strategy, idleTimeout, connectTimeout, ioThreads);
    }

    public BalancerConfig withConnectTimeout(Duration connectTimeout) {
        return new BalancerConfig(host, port, strategy, idleTimeout, connectTimeout, ioThreads);
    }

    public BalancerConfig withIoThreads(int ioThreads) {
        return new BalancerConfig(host, port, strategy, idleTimeout, connectTimeout, ioThreads);
    }
}
