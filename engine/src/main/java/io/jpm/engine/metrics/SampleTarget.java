package io.jpm.engine.metrics;

/**
 * A worker as the sampler sees it: its id, its app, the pid of its current process (0 when none) and whether its
 * descendants count in its figures. The supervisor publishes the full list after every change.
 */
public record SampleTarget(int id, String app, long pid, boolean tree) {}
