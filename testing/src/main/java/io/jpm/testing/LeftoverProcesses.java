package io.jpm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Finds the processes a test left behind by a mark in their environment (a jpm worker carries
 * {@code JPM_WORKER=<home tag>:<id>}), and kills them so that a failing test does not leak into the next one.
 */
public final class LeftoverProcesses {
    private LeftoverProcesses() {}

    /** Pids of processes that {@code running} says are alive and whose environment contains {@code entry}. */
    public static List<Long> withEnvironment(String entry, LongPredicate running) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    String environ = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    if (environ.contains(entry) && running.test(pid)) pids.add(pid);
                } catch (IOException | RuntimeException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc", e);
        }
        return pids;
    }

    /** SIGKILLs {@code pids}; returns them, for the caller to fail the test with. */
    public static List<Long> kill(List<Long> pids) {
        for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pids;
    }
}
