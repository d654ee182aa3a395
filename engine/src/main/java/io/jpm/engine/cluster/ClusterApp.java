package io.jpm.engine.cluster;

import io.jpm.engine.config.AppSpec;

/** What cluster routing needs of an app: its name, its settings and the slot of its balancer. The supervisor's app. */
public interface ClusterApp {
    String name();

    AppSpec spec();

    /** The open balancer, or null. */
    AppBalancer balancer();

    void balancer(AppBalancer b);

    /** True when no process runs or is about to restart: its balancer may close. */
    boolean idle();
}
