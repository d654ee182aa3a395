package io.jpm.engine.process;

import io.jpm.ipc.ProcessState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the running processes whose environment holds a marker variable with a given value, wherever they are in the
 * process tree: a grandchild that called {@code setsid} and whose parent exited is in no worker's group and under no
 * worker, but it kept the worker's environment. The scan of /proc is taken again when it is older than
 * {@code maxAgeNanos} or than the moment the caller asks about ({@code notBeforeNanos}: a stop's request), so a batch
 * of stops requested together shares one scan and no stop is answered from a scan taken before it began; each pid is
 * checked again just before it is reported, so a pid that was reused since the scan is never reported. Not
 * thread-safe: the supervisor's thread owns it.
 */
public final class MarkerCensus {
    private final String name;
    private final long maxAgeNanos;
    private Map<String, List<Long>> byValue = Map.of();
    private long takenAt;
    private boolean taken;

    public MarkerCensus(String name, long maxAgeNanos) {
        this.name = name;
        this.maxAgeNanos = maxAgeNanos;
    }

    /**
     * The running processes whose {@code name} variable is {@code value}, from a scan taken at or after
     * {@code notBeforeNanos}.
     */
    public List<Long> pids(String value, long nowNanos, long notBeforeNanos) {
        if (!taken || takenAt < notBeforeNanos || nowNanos - takenAt >= maxAgeNanos) {
            byValue = scan();
            takenAt = nowNanos;
            taken = true;
        }
        List<Long> live = new ArrayList<>();
        for (long pid : byValue.getOrDefault(value, List.of())) {
            if (ProcessState.isRunning(pid)
                    && value.equals(Posix.environment(pid).get(name))) live.add(pid);
        }
        return live;
    }

    private Map<String, List<Long>> scan() {
        Map<String, List<Long>> found = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long pid;
                try {
                    pid = Long.parseLong(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                String value = Posix.environment(pid).get(name);
                if (value != null)
                    found.computeIfAbsent(value, k -> new ArrayList<>()).add(pid);
            }
        } catch (IOException e) {
            return Map.of(); // no /proc to read: only the tree and the group are stopped
        }
        return found;
    }
}
