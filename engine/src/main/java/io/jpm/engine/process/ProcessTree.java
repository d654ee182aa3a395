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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Sends a signal to the group led by {@code pid} and to every process of {@code members} still alive that the
     * group's signal did not reach. Each process gets it once: node runs its handler once per delivery, so an app
     * whose SIGINT handler logs would log twice if the group's members were signalled again one by one.
     */
    public static void signal(long pid, List<ProcessHandle> members, int signal) {
        boolean group = Posix.kill(-pid, signal);
        for (ProcessHandle p : outsideGroup(group ? pid : 0, members)) Posix.kill(p.pid(), signal);
    }

    /** The processes of {@code members} still alive that are not in process group {@code pgid} (0: none is). */
    static List<ProcessHandle> outsideGroup(long pgid, List<ProcessHandle> members) {
        List<ProcessHandle> out = new ArrayList<>();
        for (ProcessHandle p : members) {
            if (p.isAlive() && (pgid == 0 || Posix.processGroup(p.pid()) != pgid)) out.add(p);
        }
        return out;
    }

    /**
     * Whether any process of the snapshot (or the group) is still running; zombies do not count. The group is asked of
     * the kernel first; only when it still has a member (maybe just an unreaped zombie) is {@code census} consulted.
     */
    public static boolean anyAlive(long pid, List<ProcessHandle> members, GroupCensus census, long nowNanos) {
        for (ProcessHandle p : members) if (isRunning(p)) return true;
        return Posix.kill(-pid, 0) && census.hasRunningMember(pid, nowNanos);
    }

    /** Whether the process has not exited: a zombie, which init may take seconds to reap, counts as gone. */
    public static boolean isRunning(ProcessHandle p) {
        return p.isAlive() && ProcessState.isRunning(p.pid());
    }

    /**
     * Which process groups have a member that still runs (not a zombie), read from /proc at most once per
     * {@code maxAgeNanos}. One census serves every tree being stopped, so stopping 200 workers at once reads /proc
     * once per poll rather than 200 times. Not thread-safe: the supervisor's thread owns it.
     */
    public static final class GroupCensus {
        private final long maxAgeNanos;
        private Set<Long> running = Set.of();
        private long takenAt;
        private boolean taken;

        public GroupCensus(long maxAgeNanos) {
            this.maxAgeNanos = maxAgeNanos;
        }

        public boolean hasRunningMember(long pgid, long nowNanos) {
            if (!taken || nowNanos - takenAt >= maxAgeNanos) {
                running = scan();
                takenAt = nowNanos;
                taken = true;
            }
            return running.contains(pgid);
        }

        private static Set<Long> scan() {
            Set<Long> groups = new HashSet<>();
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : procs) {
                    try {
                        String[] f = ProcessState.statFields(
                                Long.parseLong(p.getFileName().toString()));
                        if (f.length > 2 && !f[0].isEmpty() && ProcessState.isRunning(f[0].charAt(0))) {
                            groups.add(Long.parseLong(f[2]));
                        }
                    } catch (NumberFormatException e) {
                        // not a process, or not a stat line of the usual shape
                    }
                }
            } catch (IOException e) {
                return Set.of(); // no /proc to read: the kill timeout still ends every stop
            }
            return groups;
        }
    }
}
