package io.jpm.engine.persist;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.config.SavedSpec;
import io.jpm.engine.logs.DaemonLog;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Persists the app list to a file: the daemon's live {@code state.json}, or the {@code dump.json} that
 * {@code jpm save} writes. Each write is a temporary file, fsync, then rename, so that a crash at any moment leaves the
 * old file or the new one, never a torn one.
 *
 * <p>The supervisor hands over immutable snapshots from its thread; {@code jpm-dump} writes the newest one and
 * skips any that a newer one replaced before it got to them, so a burst of changes costs one write.
 */
public final class DumpStore implements AutoCloseable {
    /** What is saved of one worker: enough for a later daemon to prove and adopt its process. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SavedWorker(
            int id,
            int instance,
            String status,
            int restarts,
            Long pid,
            Long startTicks,
            String outFifo,
            String errFifo,
            Map<String, String> env,
            Long startedAtMs,
            int port) {}

    /** What is saved of one app. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SavedApp(AppSpec spec, List<SavedWorker> workers) {}

    /**
     * The whole file. {@code bootId} is the kernel's boot id when it was written: live state of an earlier boot names
     * processes that are gone (null in a file of an older jpm).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Snapshot(int version, int nextId, List<SavedApp> apps, String bootId) {
        public Snapshot {
            apps = List.copyOf(apps);
        }

        /** A snapshot taken now, in this boot. */
        public Snapshot(int version, int nextId, List<SavedApp> apps) {
            this(version, nextId, apps, BootId.current());
        }

        /** Whether it was written since the machine last booted (a file of an older jpm is taken to be). */
        public boolean thisBoot() {
            return bootId == null || BootId.current().isEmpty() || bootId.equals(BootId.current());
        }
    }

    /** The file as written: each app's settings in their own saved form ({@link SavedSpec}), not the domain record. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileForm(int version, int nextId, List<FileApp> apps, String bootId) {
        static FileForm of(Snapshot s) {
            return new FileForm(
                    SavedSpec.VERSION,
                    s.nextId(),
                    s.apps().stream()
                            .map(a -> new FileApp(SavedSpec.write(a.spec()), a.workers()))
                            .toList(),
                    s.bootId());
        }

        /** The snapshot; an app whose saved settings cannot be used is logged and left out, never the whole file. */
        Snapshot toSnapshot(DaemonLog log) {
            List<SavedApp> saved = new java.util.ArrayList<>();
            for (FileApp a : apps == null ? List.<FileApp>of() : apps) {
                try {
                    saved.add(new SavedApp(SavedSpec.read(a.spec()), a.workers() == null ? List.of() : a.workers()));
                } catch (RuntimeException e) {
                    log.warn("dump.json: an app was left out: " + e.getMessage());
                }
            }
            return new Snapshot(version, nextId, saved, bootId);
        }
    }

    /** One app as written. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileApp(JsonNode spec, List<SavedWorker> workers) {}

    private final Path file;
    private final DaemonLog log;
    private final AtomicReference<Snapshot> pending = new AtomicReference<>();
    private final Thread writer;
    private volatile boolean running = true;
    /** Snapshots handed to {@link #save} and written (or failed, which is logged); guarded by {@code pending}. */
    private long queued, written;
    /** Who waits for a generation to be written ({@link #whenWritten}); guarded by {@code pending}. */
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();

    public DumpStore(Path file, DaemonLog log) {
        this.file = file;
        this.log = log;
        this.writer = new Thread(this::writeLoop, "jpm-dump");
        writer.setDaemon(true);
        writer.start();
    }

    public Optional<Snapshot> read() {
        return read(file, log);
    }

    /** The snapshot in {@code file}; empty when there is none or it cannot be read (which is logged). */
    public static Optional<Snapshot> read(Path file, DaemonLog log) {
        try {
            return Optional.of(Json.MAPPER
                    .readValue(Files.readAllBytes(file), FileForm.class)
                    .toSnapshot(log));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("cannot read " + file + ": " + e.getMessage() + " (starting with no apps)");
            return Optional.empty();
        }
    }

    /** Queues a snapshot for writing; returns at once. */
    public void save(Snapshot s) {
        synchronized (pending) {
            pending.set(s);
            queued++;
            pending.notifyAll();
        }
    }

    /**
     * Completes once every snapshot queued so far has been written, so that a command is acknowledged only when a
     * daemon killed right after it would still find its apps. A failed write also completes it (and is logged).
     */
    public CompletableFuture<Void> whenWritten() {
        synchronized (pending) {
            if (written >= queued) return CompletableFuture.completedFuture(null);
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiting.computeIfAbsent(queued, k -> new ArrayList<>()).add(f);
            return f;
        }
    }

    private void markWritten(long gen) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (pending) {
            written = Math.max(written, gen);
            Map<Long, List<CompletableFuture<Void>>> due = waiting.headMap(written, true);
            due.values().forEach(done::addAll);
            due.clear();
        }
        done.forEach(f -> f.complete(null));
    }

    /** Writes a snapshot now, on the caller's thread. */
    public void saveNow(Snapshot s) throws IOException {
        synchronized (file) {
            write(file, s);
        }
    }

    /** Writes a snapshot to {@code to} (atomically), on the caller's thread: {@code jpm save}. */
    public static void write(Path to, Snapshot s) throws IOException {
        JpmHome.writePrivateAtomically(
                to, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(FileForm.of(s)));
    }

    /** Removes the file once what is pending is written: the apps were stopped on purpose ({@code jpm kill}). */
    public void forget() throws IOException {
        close();
        synchronized (file) {
            Files.deleteIfExists(file);
        }
    }

    private void writeLoop() {
        while (running) {
            Snapshot s;
            long gen;
            synchronized (pending) {
                s = pending.getAndSet(null);
                gen = queued;
                if (s == null) {
                    try {
                        pending.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            try {
                saveNow(s);
            } catch (IOException | RuntimeException e) {
                log.warn("cannot write " + file + ": " + e);
            }
            markWritten(gen);
        }
    }

    /** Writes what is pending, then stops the writer. */
    @Override
    public void close() {
        running = false;
        long gen;
        Snapshot s;
        synchronized (pending) {
            s = pending.getAndSet(null);
            gen = queued;
        }
        if (s != null) {
            try {
                saveNow(s);
            } catch (IOException e) {
                log.warn("cannot write " + file + ": " + e);
            }
        }
        markWritten(gen);
        writer.interrupt();
    }
}
