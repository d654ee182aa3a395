package io.jpm.engine.logs;

import io.jpm.engine.config.AppSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The log files of one app: {@code <app>-out-<id>.log} and {@code <app>-error-<id>.log} per worker, or one pair
 * for the whole app with merge_logs. An out_file or error_file replaces the default path; without merge_logs the
 * worker id goes before its extension, as PM2 does. A log_file is a third file that takes both streams (PM2's
 * {@code pm_log_path}); a relative one is in the logs folder.
 *
 * <p>Owned by the supervisor's thread; the files themselves are shared with log pumps and are thread-safe.
 */
public final class AppLogs implements AutoCloseable {
    private static final Path DISCARD = Path.of("/dev/null");

    /** The files one worker writes to: its out and error files, and the file of both (log_file) or null. */
    public record Pair(RotatingLogFile out, RotatingLogFile err, RotatingLogFile both) {}

    private AppSpec spec;
    private final Path logsDir;
    private final Path pidsDir;
    private final Executor compressor;
    private TimestampFormat timestamps;
    private final Map<Integer, Pair> byWorker = new LinkedHashMap<>();
    private Pair merged;
    private final DaemonLog log;

    public AppLogs(AppSpec spec, Path logsDir, Path pidsDir, Executor compressor, DaemonLog log) {
        this.spec = spec;
        this.logsDir = logsDir;
        this.pidsDir = pidsDir;
        this.compressor = compressor;
        this.log = log;
        this.timestamps =
                spec.logs().timestamps() ? new TimestampFormat(spec.logs().dateFormat(), ZoneId.systemDefault()) : null;
    }

    /** Takes a new config; files already open stay open (their paths do not change with scale or env). */
    public synchronized void respec(AppSpec newSpec) {
        this.spec = newSpec;
    }

    /** PM2's {@code log_type: "json"}: lines are written as JSON objects. */
    public boolean jsonLines() {
        return spec.logs().jsonLines();
    }

    /** A new formatter per pump: formatters cache and are not thread-safe. */
    public TimestampFormat timestamps() {
        return timestamps == null ? null : new TimestampFormat(timestamps.pattern(), timestamps.zone());
    }

    public synchronized Pair forWorker(int id) throws IOException {
        if (spec.logs().mergeLogs()) {
            if (merged == null) merged = open(-1);
            return merged;
        }
        Pair p = byWorker.get(id);
        if (p == null) {
            p = open(id);
            byWorker.put(id, p);
        }
        return p;
    }

    /** Every open file, each once. */
    public synchronized List<RotatingLogFile> files() {
        List<RotatingLogFile> all = new ArrayList<>();
        if (merged != null) addAll(all, merged);
        for (Pair p : byWorker.values()) addAll(all, p);
        return all;
    }

    /** The out and error paths a worker writes to, whether or not they are open yet. */
    public Path[] paths(int id) {
        int n = spec.logs().mergeLogs() ? -1 : id;
        return new Path[] {
            path(spec.logs().outFile(), "out", n), path(spec.logs().errorFile(), "error", n)
        };
    }

    private static void addAll(List<RotatingLogFile> into, Pair p) {
        into.add(p.out());
        into.add(p.err());
        if (p.both() != null) into.add(p.both());
    }

    /** The combined file (log_file) a worker writes to, or null without one. */
    public Path combinedPath(int id) {
        Path configured = spec.logs().logFile();
        if (configured == null) return null;
        if (!configured.isAbsolute()) configured = logsDir.resolve(safe(configured.toString()));
        return path(configured, "log", spec.logs().mergeLogs() ? -1 : id);
    }

    /**
     * Where worker {@code id} writes its pid (PM2's {@code pm_pid_path}): the pid_file with the id before its
     * extension, else {@code <app>-<id>.pid} in the pids folder; null with pid_file {@code /dev/null}.
     */
    public Path pidPath(int id) {
        Path configured = spec.logs().pidFile();
        if (configured == null) return pidsDir.resolve(safe(spec.name()) + "-" + id + ".pid");
        if (configured.equals(DISCARD)) return null;
        return path(configured, "pid", id);
    }

    /**
     * Writes the pid of worker {@code id}'s current process to its pid file (PM2 writes one per process); a failure
     * is a line in the daemon's log, never a failed start.
     */
    public void writePid(int id, long pid) {
        Path file = pidPath(id);
        if (file == null) return;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Long.toString(pid));
        } catch (IOException | RuntimeException e) {
            log.warn("app " + spec.name() + ": cannot write pid file " + file + ": " + e.getMessage());
        }
    }

    /** Removes worker {@code id}'s pid file once its process has ended, as PM2 does. */
    public void removePid(int id) {
        Path file = pidPath(id);
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("app " + spec.name() + ": cannot remove pid file " + file + ": " + e.getMessage());
        }
    }

    /** Opens the files of worker {@code id}, or of the whole app ({@code -1}, merge_logs). */
    private Pair open(int id) throws IOException {
        Path both = combinedPath(id);
        return new Pair(
                RotatingLogFile.open(
                        path(spec.logs().outFile(), "out", id), spec.logs().rotation(), compressor, log),
                RotatingLogFile.open(
                        path(spec.logs().errorFile(), "error", id), spec.logs().rotation(), compressor, log),
                both == null ? null : RotatingLogFile.open(both, spec.logs().rotation(), compressor, log));
    }

    private Path path(Path configured, String kind, int id) {
        if (configured == null) {
            String suffix = id < 0 ? "" : "-" + id;
            return logsDir.resolve(safe(spec.name()) + "-" + kind + suffix + ".log");
        }
        if (id < 0) return configured;
        String name = configured.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String withId = dot > 0 ? name.substring(0, dot) + "-" + id + name.substring(dot) : name + "-" + id;
        return configured.resolveSibling(withId);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public synchronized void closeWorker(int id) {
        Pair p = byWorker.remove(id);
        if (p != null) closeQuietly(p);
    }

    @Override
    public synchronized void close() {
        if (merged != null) closeQuietly(merged);
        byWorker.values().forEach(AppLogs::closeQuietly);
        byWorker.clear();
        merged = null;
    }

    private static void closeQuietly(Pair p) {
        List<RotatingLogFile> files = new ArrayList<>();
        addAll(files, p);
        for (RotatingLogFile f : files) {
            try {
                f.close();
            } catch (IOException ignored) {
                // closing: nothing to save
            }
        }
    }
}
