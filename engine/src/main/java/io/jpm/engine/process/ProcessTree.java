package io.jpm.engine.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Signals a worker and every process below it: its process group (each worker leads its own session) and any
 * descendant that left the group. {@link ProcessHandle} keeps each process's start time, so a recorded handle never
 * signals a process that reused the pid.
 */
public final class ProcessTree {
    private ProcessTree() {}

    /** The worker and its descendants, as they are now. */
    public static List<ProcessHandle> snapshot(long pid) {
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            all.add(root);
            root.descendants().forEach(all::add);
        });
        return all;
    }

    /** Sends a signal to the group led by {@code pid} and to every process of {@code members} still alive. */
    public static void signal(long pid, List<ProcessHandle> members, int signal) {
        Posix.kill(-pid, signal);
        for (ProcessHandle p : members) {
            if (p.isAlive()) Posix.kill(p.pid(), signal);
        }
    }

    /** Whether any process of the snapshot (or the group) is still alive. */
    public static boolean anyAlive(long pid, List<ProcessHandle> members) {
        if (Posix.kill(-pid, 0)) return true;
        for (ProcessHandle p : members) if (p.isAlive()) return true;
        return false;
    }
}
