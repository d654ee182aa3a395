package io.jpm.engine.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches the trees of every watched app with one JDK {@link WatchService} (inotify on Linux) and one thread,
 * {@code jpm-watch}, for the whole daemon.
 *
 * <p>Each directory of a tree is registered (inotify watches directories, so the cost is one kernel watch per
 * directory, not per file); a directory that appears later is registered when its creation is seen, and its
 * contents count as a change. Ignored directories are not descended into. While nothing changes the thread is
 * blocked in {@link WatchService#take} and costs no CPU.
 *
 * <p>Threading: {@link #watch} and {@link Watch#close} may be called from any thread; they queue the work for
 * {@code jpm-watch} and wake it with an interrupt, so that walking a large tree never runs on the caller's thread.
 * A change calls the watch's listener on {@code jpm-watch}, at most once until {@link Watch#rearm} (the listener
 * hands the news to the actor, which rearms), so that a burst of 500 events costs the actor one task.
 */
public final class TreeWatcher implements AutoCloseable {

    /** One app's watch: its roots, its ignore rules and its listener. */
    public final class Watch implements AutoCloseable {
        private final List<Path> roots;
        private final IgnoreRules rules;
        private final boolean followLinks;
        private final Runnable listener;
        private final AtomicBoolean armed = new AtomicBoolean(true);
        /** Keys of this watch's directories; touched only on jpm-watch. */
        private final List<WatchKey> keys = new ArrayList<>();

        private volatile boolean closed;

        private Watch(List<Path> roots, IgnoreRules rules, boolean followLinks, Runnable listener) {
            this.roots = List.copyOf(roots);
            this.rules = rules;
            this.followLinks = followLinks;
            this.listener = listener;
        }

        /** Lets the next change call the listener again. */
        public void rearm() {
            armed.set(true);
        }

        /** The directories registered for this watch (read on jpm-watch; for tests and describe). */
        public int directories() {
            return keys.size();
        }

        private void fire() {
            if (!closed && armed.compareAndSet(true, false)) listener.run();
        }

        @Override
        public void close() {
            closed = true;
            submit(() -> {
                for (WatchKey k : keys) {
                    Dir d = dirs.get(k);
                    if (d != null) d.watches.remove(this);
                    if (d == null || d.watches.isEmpty()) {
                        k.cancel();
                        dirs.remove(k);
                    }
                }
                keys.clear();
            });
        }
    }

    private final Consumer<String> warn;
    private final WatchService service;
    private final Thread thread;
    /** Work for jpm-watch, queued by any thread. */
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    /** Each registered directory: its path and the watches that share it; written on jpm-watch only. */
    private final Map<WatchKey, Dir> dirs = new ConcurrentHashMap<>();

    private volatile boolean closed;

    /**
     * A registered directory. Two apps may watch the same directory (the kernel gives one key): each watch maps to
     * the one file it watches there, or to the directory itself when it watches everything in it.
     */
    private record Dir(Path path, Map<Watch, Path> watches) {}

    public TreeWatcher(Consumer<String> warn) throws IOException {
        this.warn = warn;
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::loop, "jpm-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** A watcher for the daemon, warning to {@code log}; an {@link UncheckedIOException} if inotify is unavailable. */
    public static TreeWatcher open(io.jpm.engine.logs.DaemonLog log) {
        try {
            return new TreeWatcher(log::warn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts watching {@code roots} (absolute paths); {@code listener} runs on jpm-watch when anything changes. */
    public Watch watch(List<Path> roots, IgnoreRules rules, boolean followLinks, Runnable listener) {
        Watch w = new Watch(roots, rules, followLinks, listener);
        submit(() -> {
            if (w.closed) return;
            for (Path root : w.roots) register(w, root);
        });
        return w;
    }

    /** How many directories are registered, over every watch. */
    public int directories() {
        return dirs.size();
    }

    private void submit(Runnable task) {
        pending.add(task);
        thread.interrupt();
    }

    private void loop() {
        while (!closed) {
            Thread.interrupted();
            for (Runnable r; (r = pending.poll()) != null; ) {
                try {
                    r.run();
                } catch (Exception e) {
                    warn.accept("watch: " + e);
                }
            }
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException e) {
                continue;
            } catch (Exception e) { // closed
                return;
            }
            try {
                handle(key);
            } catch (Exception e) {
                warn.accept("watch: " + e);
            }
        }
    }

    private void handle(WatchKey key) {
        Dir dir = dirs.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        if (dir == null) {
            key.reset();
            return;
        }
        for (Map.Entry<Watch, Path> entry : List.copyOf(dir.watches.entrySet())) {
            Watch w = entry.getKey();
            Path only = entry.getValue();
            if (w.closed) continue;
            boolean changed = false;
            for (WatchEvent<?> e : events) {
                if (e.kind() == OVERFLOW) {
                    changed = true;
                    continue;
                }
                Path child = dir.path.resolve((Path) e.context());
                if (!only.equals(dir.path) && !only.equals(child)) continue;
                if (w.rules.ignored(child)) continue;
                changed = true;
                if (e.kind() == ENTRY_CREATE && only.equals(dir.path) && isDir(child, w.followLinks)) {
                    register(w, child);
                }
            }
            if (changed) w.fire();
        }
        if (!key.reset()) {
            dirs.remove(key);
            for (Watch w : dir.watches.keySet()) w.keys.remove(key);
        }
    }

    private static boolean isDir(Path p, boolean followLinks) {
        return followLinks ? Files.isDirectory(p) : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** Registers {@code root} and every directory under it that is not ignored. */
    private void register(Watch w, Path root) {
        if (!Files.isDirectory(root)) {
            // a watched file: watch its directory for it alone
            Path parent = root.getParent();
            if (parent != null && Files.isDirectory(parent)) add(w, parent, root);
            return;
        }
        Set<FileVisitOption> opts =
                w.followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
        try {
            Files.walkFileTree(root, opts, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(root) && w.rules.ignored(d)) return FileVisitResult.SKIP_SUBTREE;
                    // out of inotify watches (fs.inotify.max_user_watches): one warning, not one per directory
                    return add(w, d, d) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            warn.accept("watch: cannot walk " + root + ": " + e.getMessage());
        }
    }

    /** Registers one directory; false (with a warning) when the kernel refuses, e.g. out of inotify watches. */
    private boolean add(Watch w, Path d, Path only) {
        try {
            WatchKey k = d.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
            Dir dir = dirs.computeIfAbsent(k, x -> new Dir(d, new ConcurrentHashMap<>()));
            Path before = dir.watches.putIfAbsent(w, only);
            if (before == null) w.keys.add(k);
            else if (!before.equals(only)) dir.watches.put(w, d); // a file and its directory: the directory
            return true;
        } catch (java.nio.file.NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return true; // gone or replaced since the walk saw it: its own event says so
        } catch (IOException e) {
            warn.accept("watch: cannot watch " + d + " (and what is left of its tree): " + e.getMessage());
            return false;
        }
    }

    /** Stops the thread and closes the service; the kernel's watches go with it. */
    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            warn.accept("watch: " + e.getMessage());
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
