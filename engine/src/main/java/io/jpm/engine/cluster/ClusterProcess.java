package io.jpm.engine.cluster;

/** What cluster routing needs of a running process: its pid and its handle. */
public interface ClusterProcess {
    long pid();

    ProcessHandle handle();
}
