package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Which files restart an app when they change (PM2's {@code watch}).
 *
 * @param paths the watched paths, absolute; empty = not watched
 * @param ignore {@code ignore_watch} as written: globs, or regexes (PM2 reads both)
 * @param delayMs {@code watch_delay}: the restart waits until the tree has been quiet this long
 * @param polling {@code watch_options.usePolling}: scan every {@code intervalMs} instead of inotify
 * @param followSymlinks {@code watch_options.followSymlinks}
 */
public record WatchSettings(
        List<String> paths,
        List<String> ignore,
        long delayMs,
        boolean polling,
        long intervalMs,
        boolean followSymlinks) {

    /** PM2's {@code watch_delay} when unset. */
    public static final long DEFAULT_DELAY_MS = 0;
    /** chokidar's polling interval, which PM2 passes on. */
    public static final long DEFAULT_INTERVAL_MS = 100;

    public static final WatchSettings OFF = Settings.defaults(WatchSettings.class, "watch");

    public WatchSettings {
        paths = List.copyOf(paths);
        ignore = List.copyOf(ignore);
        if (delayMs < 0) throw new IllegalArgumentException("watch delay < 0 ms: " + delayMs);
        if (intervalMs < 1) throw new IllegalArgumentException("watch interval < 1 ms: " + intervalMs);
    }

    public boolean enabled() {
        return !paths.isEmpty();
    }

    /** Watching one folder (PM2's {@code watch: true} at the app's cwd), with the other settings kept. */
    public WatchSettings at(Path folder) {
        return SpecShape.with(this, "paths", List.of(folder.toAbsolutePath().toString()));
    }

    public WatchSettings off() {
        return SpecShape.with(this, "paths", List.of());
    }
}
