package io.jpm.engine.supervise;

import io.jpm.engine.cluster.ClusterProcess;
import java.nio.file.Path;
import java.util.Map;

/**
 * One OS process running for a worker: its pid and start time (which together prove its identity to a later
 * daemon), its FIFOs, and the environment it started with. Immutable.
 */
public record RunningProcess(
        long pid,
        long startTicks,
        ProcessHandle handle,
        Path outFifo,
        Path errFifo,
        Map<String, String> env,
        long startedAtMs,
        long startedAtNanos,
        boolean adopted)
        implements ClusterProcess {
    public RunningProcess {
        env = Map.copyOf(env);
    }
}
