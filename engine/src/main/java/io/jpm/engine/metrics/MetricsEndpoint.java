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
                server = PrometheusEndpoint.start(settings.metricsPort(), () -> latest, log);
                log.info("prometheus metrics on " + url(server.port()));
            } catch (IOException e) {
                log.warn("cannot serve prometheus metrics on port " + settings.metricsPort() + ": " + e.getMessage());
            }
        }
    }

    public void latest(Stats stats) {
        latest = stats;
    }

    /** Serves on {@code port} (0 = off) and saves the choice in settings.json. */
    public Results.MetricsServed serveOn(int port) {
        if (port > 0 && (server == null || server.port() != port)) {
            PrometheusEndpoint fresh;
            try {
                fresh = PrometheusEndpoint.start(port, () -> latest, log);
            } catch (IOException e) {
                throw new CommandException(
                        ErrorCode.CONFLICT, "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            }
            close();
            server = fresh;
        } else if (port == 0) {
            close();
        }
        settings = settings.withMetricsPort(port);
        try {
            settings.write(home.settings());
        } catch (IOException e) {
            throw new CommandException(ErrorCode.INTERNAL, "cannot write " + home.settings() + ": " + e.getMessage());
        }
        log.info(port == 0 ? "prometheus metrics off" : "prometheus metrics on " + url(port));
        return new Results.MetricsServed(port, port == 0 ? null : url(port));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
