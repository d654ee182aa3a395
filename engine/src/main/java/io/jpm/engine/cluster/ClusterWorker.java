package io.jpm.engine.cluster;

/** What cluster routing needs of a worker: its current process, its private port and its place in the rotation. */
public interface ClusterWorker {
    int id();

    /** The current process, or null. */
    ClusterProcess process();

    /** True while {@code p} is the current process and no stop is under way. */
    boolean serves(ClusterProcess p);

    int port();

    void assignPort(int port);

    void inRotation(boolean yes);

    /** True while it is in its balancer's rotation (or, in the socket mode, ready). */
    boolean ready();

    /** True when the readiness probe of its current process passes; false before the probe's first verdict. */
    boolean readinessPassed();
}
