package io.jpm.engine.metrics;

/**
 * One worker's figures at one sample: CPU in percent of one core, resident memory in bytes, and the pid they were
 * taken from (so that a figure is never applied to a process that replaced it).
 */
public record Usage(long pid, double cpu, long memory) {}
