package io.jpm.engine.metrics;

import io.jpm.engine.config.DaemonSettings;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Stats;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The opt-in Prometheus endpoint as a daemon setting: started at start-up when {@code settings.json} names a port,
 * moved or turned off by the {@code metrics} command, which also saves the port so that the next daemon serves it.
 *
 * <p>Threading: {@link #serveOn} and {@link #latest} run on the supervisor's thread; the endpoint's HTTP thread
 * reads the latest stats message through a volatile field.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final JpmHome home;
    private final DaemonLog log;
    private DaemonSettings settings;
    private PrometheusEndpoint server;
    /** The newest stats message; replaced whole on the supervisor's thread, read by jpm-metrics-http. */
    private volatile Stats latest = new Stats(0, 0, new Stats.Host(0, 0, 0, 0), List.of());

    public MetricsEndpoint(JpmHome home, DaemonSettings settings, DaemonLog log) {
        this.home = home;
        this.settings = settings;
        this.log = log;
        if (settings.metricsPort() > 0) {
            try {
                server = PrometheusEndpoint.start(settings.metricsAddress(), settings.metricsPort(), () -> latest, log);
                announce(settings.metricsAddress(), server.port());
            } catch (IOException e) {
                log.warn("cannot serve prometheus metrics on "
                        + where(settings.metricsAddress(), settings.metricsPort()) + ": " + e.getMessage());
            }
        }
    }

    public void latest(Stats stats) {
        latest = stats;
    }

    /**
     * Serves on {@code address}:{@code port} (address null: 127.0.0.1 only; port 0: off) and saves the choice in
     * settings.json.
     */
    public Results.MetricsServed serveOn(int port, String address) {
        String bound = port == 0 ? null : address;
        boolean same = server != null && server.port() == port && Objects.equals(settings.metricsAddress(), bound);
        if (port > 0 && !same) {
            boolean moving = server != null && server.port() == port;
            if (moving) close(); // the same port on another address: free it first
            PrometheusEndpoint fresh;
            try {
                fresh = PrometheusEndpoint.start(bound, port, () -> latest, log);
            } catch (IOException | RuntimeException e) {
                if (moving) { // the old endpoint is gone: say so in settings.json too
                    settings = settings.withMetrics(0, null);
                    saveSettings();
                }
                throw new CommandException(
                        ErrorCode.CONFLICT, "cannot listen on " + where(bound, port) + ": " + e.getMessage());
            }
            close();
            server = fresh;
        } else if (port == 0) {
            close();
        }
        settings = settings.withMetrics(port, bound);
        saveSettings();
        if (port == 0) log.info("prometheus metrics off");
        else announce(bound, port);
        return new Results.MetricsServed(port, port == 0 ? null : url(bound, port));
    }

    private void saveSettings() {
        try {
            settings.write(home.settings());
        } catch (IOException e) {
            throw new CommandException(ErrorCode.INTERNAL, "cannot write " + home.settings() + ": " + e.getMessage());
        }
    }

    /** Logs where the endpoint serves, with a warning when that is more than loopback. */
    private void announce(String address, int port) {
        if (address == null) {
            log.info("prometheus metrics on " + url(null, port));
        } else {
            log.warn("prometheus metrics on " + url(address, port) + ", not loopback only: plain HTTP without"
                    + " authentication, anyone who reaches it reads every app's name and usage");
        }
    }

    private static String where(String address, int port) {
        return (address == null ? "127.0.0.1" : address) + ":" + port;
    }

    private static String url(String address, int port) {
        return "http://" + where(address, port) + "/metrics";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
