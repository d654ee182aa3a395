package io.jpm.engine.cluster;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.ClusterSettings;
import io.jpm.engine.sockets.ListenSocket;
import io.jpm.engine.sockets.ListenSockets;
import io.jpm.ipc.wire.Conns;
import io.jpm.ipc.wire.Listening;

/** What the views of a cluster app show of its routing: connections, how it listens, its public port. */
public final class ClusterFigures {
    private ClusterFigures() {}

    /** The balancer's figures for a worker's current process, zeros when it has none. */
    public static Conns conns(ClusterApp app, ClusterWorker w) {
        if (app.balancer() != null)
            return app.balancer().conns(w.process() == null ? null : w.process().pid());
        return AppBalancer.figures(null);
    }

    /** How a cluster app listens, with its socket's accept queue in the socket mode. */
    public static Listening listening(AppSpec spec, ListenSocket socket) {
        if (!spec.cluster().sharesSocket()) return new Listening(ClusterSettings.ListenMode.PROXY.wireName(), -1);
        int queued = socket == null ? -1 : ListenSockets.acceptQueue(socket).orElse(-1);
        return new Listening(ClusterSettings.ListenMode.SOCKET.wireName(), queued);
    }

    public static Listening listening(ClusterApp app) {
        return listening(app.spec(), app.listenSocket());
    }

    /** The public port of an app: its balancer's or its shared socket's, or 0 when it has none open. */
    public static int publicPort(ClusterApp app) {
        if (app.listenSocket() != null) return app.listenSocket().address().port();
        return app.balancer() == null ? 0 : app.balancer().publicPort();
    }
}
