package io.jpm.engine.process;

import io.jpm.ipc.ProcessState;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals a worker and every process below it: its process group (each worker leads its own session) and any
 * descendant that left the group. {@link ProcessHandle} keeps each process's start time, so a recorded handle never
 * signals a process that reused the pid.
 */
public final class ProcessTree {
    private ProcessTree() {}

    /** The worker and its descendants, as they are now. Reads the whole process table: see {@link Table}. */
    public static List<ProcessHandle> snapshot(long pid) {
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(root -> {
            all.add(root);
            root.descendants().forEach(all::add);
        });
        return all;
    }

    /**
     * Who is whose child, read from the process table once. Finding one tree's descendants reads every process's
     * parent, so stopping 200 workers tree by tree reads the table 200 times; a table taken once serves them all.
     * A process born after the table was taken is missed by {@link #snapshot}, as it is by any snapshot: the group
     * signal reaches it if it stayed in the worker's group, and a stop checks the tree again once the worker is gone.
     */
    public static final class Table {
        private final Map<Long, List<ProcessHandle>> children;

        private Table(Map<Long, List<ProcessHandle>> children) {
            this.children = children;
        }

        /** The table as it is now. */
        public static Table now() {
            Map<Long, List<ProcessHandle>> children = new HashMap<>();
            ProcessHandle.allProcesses().forEach(p -> p.parent()
                    .ifPresent(parent -> children.computeIfAbsent(parent.pid(), k -> new ArrayList<>())
                            .add(p)));
            return new Table(children);
        }

        /** The process {@code pid} and its descendants in this table; empty if it is gone. */
        public List<ProcessHandle> snapshot(long pid) {
            List<ProcessHandle> all = new ArrayList<>();
            ProcessHandle.of(pid).ifPresent(all::add);
            if (all.isEmpty()) return all;
            Deque<Long> todo = new ArrayDeque<>(List.of(pid));
            while (!todo.isEmpty()) {
                for (ProcessHandle child : children.getOrDefault(todo.pop(), List.of())) {
                    all.add(child);
                    todo.push(child.pid());
                }
            }
            return all;
        }
    }

    /** Sends a signal to the group led by {@code pid} and to every process of {@code members} still alive. */
    public static void signal(long pid, List<ProcessHandle> members, int signal) {
        Posix.kill(-pid, signal);
        for (ProcessHandle p : members) {
            if (p.isAlive()) Posix.kill(p.pid(), signal);
        }
    }

    /** Whether any process of the snapshot (or the group) is still running; zombies do not count. */
    public static boolean anyAlive(long pid, List<ProcessHandle> members) {
        for (ProcessHandle p : members) if (isRunning(p)) return true;
        return Posix.kill(-pid, 0) && groupHasRunningMember(pid);
    }

    /** Whether the process has not exited: a zombie, which init may take seconds to reap, counts as gone. */
    public static boolean isRunning(ProcessHandle p) {
        return p.isAlive() && ProcessState.isRunning(p.pid());
    }

    /** Looks through /proc, so only asked when kill(-pgid, 0) says the group still has a member, maybe a zombie. */
    private static boolean groupHasRunningMember(long pgid) {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (Posix.processGroup(pid) == pgid && ProcessState.isRunning(pid)) return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell, so keep waiting; the kill timeout still ends it
        }
    }
}
