package io.jpm.engine.cluster;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.sockets.ListenSocket;

/** What cluster routing needs of an app: its name, its settings and the slots of its balancer and its shared socket. The supervisor's app. */
public interface ClusterApp {
    String name();

    AppSpec spec();

    /** The open balancer, or null. */
    AppBalancer balancer();

    void balancer(AppBalancer b);

    /** The daemon's socket its workers share in the socket listen mode, or null. */
    ListenSocket listenSocket();

    void listenSocket(ListenSocket socket);

    /** True when no process runs or is about to restart: its balancer may close. */
    boolean idle();
}
