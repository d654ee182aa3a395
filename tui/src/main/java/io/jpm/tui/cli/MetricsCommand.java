package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.tui.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jpm metrics --port P}: serve Prometheus metrics on 127.0.0.1:P, or stop with 0. The daemon keeps it. */
@Command(
        name = "metrics",
        description = "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (0 turns it off); "
                + "the daemon remembers the port across restarts.")
final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "Loopback port, or 0 for off.")
    int port;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) throw new CliException("port out of 0..65535: " + port, 2);
        var r = jpm.call(new Request.Metrics(port));
        if (r.port() == 0) {
            jpm.out().println("prometheus metrics off");
        } else {
            jpm.out().println("prometheus metrics on " + r.url());
        }
        return 0;
    }
}
