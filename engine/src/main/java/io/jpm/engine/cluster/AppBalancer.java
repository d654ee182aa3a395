package io.jpm.engine.cluster;

import io.jpm.balancer.BackendStats;
import io.jpm.balancer.Balancer;
import io.jpm.balancer.BalancerConfig;
import io.jpm.balancer.Strategy;
import io.jpm.engine.config.AppSpec;
import io.jpm.ipc.wire.Conns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The balancer of one cluster app, and what it knows of each of the app's worker processes: the private port it was
 * given and whether it is ready. A process is a backend whose id is its pid, so that an old and a new process of the
 * same worker can both be backends during a reload.
 *
 * <p>Owned by the supervisor's actor, like {@link App}; the {@link Balancer} inside is safe from any thread.
 */
public final class AppBalancer implements AutoCloseable {
    /** One worker process the balancer knows: its private port and its readiness. */
    record Member(int port, CompletableFuture<Boolean> ready) {}

    private final Balancer balancer;
    private final String host;
    private final int requestedPort;
    private final AppSpec.Balance balance;
    private final Map<Long, Member> members = new HashMap<>();

    private AppBalancer(Balancer balancer, AppSpec spec) {
        this.balancer = balancer;
        this.host = spec.cluster().host();
        this.requestedPort = spec.cluster().balancerPort();
        this.balance = spec.cluster().balance();
    }

    /** Binds the app's public port. */
    static AppBalancer open(AppSpec spec) throws IOException {
        Strategy strategy = spec.cluster().balance() == AppSpec.Balance.LEAST_CONNECTIONS
                ? Strategy.LEAST_CONNECTIONS
                : Strategy.ROUND_ROBIN;
        BalancerConfig config = BalancerConfig.of(spec.cluster().balancerPort())
                .withHost(spec.cluster().host())
                .withStrategy(strategy);
        return new AppBalancer(Balancer.start(config), spec);
    }

    /** Whether this balancer listens where {@code spec} asks, and routes as it asks. */
    boolean serves(AppSpec spec) {
        return spec.balanced()
                && spec.cluster().balancerPort() == requestedPort
                && Objects.equals(spec.cluster().host(), host)
                && spec.cluster().balance() == balance;
    }

    int publicPort() {
        return balancer.port();
    }

    void track(long pid, Member m) {
        members.put(pid, m);
    }

    Member member(long pid) {
        return members.get(pid);
    }

    Iterable<Member> members() {
        return members.values();
    }

    /** Puts a process in rotation. */
    void admit(long pid) {
        Member m = members.get(pid);
        if (m != null)
            balancer.addBackend((int) pid, new InetSocketAddress(InetAddress.getLoopbackAddress(), m.port()));
    }

    /** Takes a process out of rotation at once; its open connections go on. */
    void remove(long pid) {
        balancer.removeBackend((int) pid);
    }

    /** Takes a process out of rotation and completes when its connections ended or were cut at the timeout. */
    CompletableFuture<Void> drain(long pid, Duration timeout) {
        return balancer.drain((int) pid, timeout);
    }

    /** Forgets an exited process. */
    Member forget(long pid) {
        balancer.removeBackend((int) pid);
        return members.remove(pid);
    }

    /** The balancer's figures for one process: active and total connections, bytes in and out. */
    Conns conns(Long pid) {
        BackendStats s = null;
        if (pid != null) {
            for (BackendStats b : balancer.stats()) {
                if (b.id() == pid.intValue()) s = b;
            }
        }
        return figures(s);
    }

    /** The wire form of one backend's figures; zeros for null. */
    static Conns figures(BackendStats s) {
        return s == null
                ? Conns.NONE
                : new Conns(s.activeConnections(), s.totalConnections(), s.bytesIn(), s.bytesOut());
    }

    /** Clients closed unserved because no process in rotation took them. */
    long rejected() {
        return balancer.rejectedConnections();
    }

    @Override
    public void close() {
        balancer.close();
    }
}
