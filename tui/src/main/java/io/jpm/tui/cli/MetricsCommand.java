package io.jpm.tui.cli;

import io.jpm.ipc.RemoteListen;
import io.jpm.ipc.Request;
import io.jpm.tui.CliException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jpm metrics --port P}: serve Prometheus metrics on 127.0.0.1:P, or stop with 0; {@code --listen ADDR:PORT}
 * serves them on another address of the host. The daemon keeps the choice.
 */
@Command(
        name = "metrics",
        description = "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (--port 0 turns it off), or on ADDR:PORT "
                + "with --listen; the daemon remembers the choice across restarts.")
final class MetricsCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @ArgGroup(multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--port", paramLabel = "PORT", description = "Loopback port, or 0 for off.")
        Integer port;

        @Option(
                names = "--listen",
                paramLabel = "ADDR:PORT",
                description = "An address of this host (or * for all) and a port: plain HTTP without authentication,"
                        + " anyone who reaches it reads every app's name and usage.")
        String listen;
    }

    @Override
    public Integer call() {
        Request.Metrics request;
        if (where.listen != null) {
            RemoteListen at;
            try {
                at = RemoteListen.parse(where.listen);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), 2);
            }
            request = new Request.Metrics(at.port(), at.host());
        } else {
            int port = where.port;
            if (port < 0 || port > 65535) throw new CliException("port out of 0..65535: " + port, 2);
            request = new Request.Metrics(port);
        }
        var r = jpm.call(request);
        if (r.port() == 0) {
            jpm.out().println("prometheus metrics off");
        } else {
            jpm.out().println("prometheus metrics on " + r.url());
            if (request.address() != null) {
                jpm.err()
                        .println("jpm: warning: the endpoint is plain HTTP without authentication; open its port to"
                                + " your Prometheus only");
            }
        }
        return 0;
    }
}
