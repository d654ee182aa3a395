package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.AppKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the watch section of one app: {@code watch}, {@code ignore_watch}, {@code watch_delay}, {@code watch_options}. */
final class WatchReader {

    private WatchReader() {}

    static WatchSettings read(AppReader r, Path cwd) {
        WatchSettings d = WatchSettings.OFF;
        long delay = r.millis(AppKey.WATCH_DELAY, d.delayMs());
        List<String> ignore = list(r, AppKey.IGNORE_WATCH);
        boolean polling = d.polling();
        long interval = d.intervalMs();
        boolean follow = d.followSymlinks();
        JsonNode options = r.get(AppKey.WATCH_OPTIONS);
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                r.error(AppKey.WATCH_OPTIONS, options, "is not an object");
            } else {
                polling = options.path("usePolling").asBoolean(polling);
                interval = options.path("interval").asLong(interval);
                follow = options.path("followSymlinks").asBoolean(follow);
                if (polling) {
                    r.warn("watch_options.usePolling: jpm watches with inotify, not by polling; "
                            + "usePolling and interval are kept but not used");
                }
                if (interval < 1) {
                    r.error(AppKey.WATCH_OPTIONS, options, "interval < 1 ms");
                    interval = d.intervalMs();
                }
            }
        }
        List<String> paths = paths(r, cwd);
        return new WatchSettings(paths, ignore == null ? List.of() : ignore, delay, polling, interval, follow);
    }

    /** {@code watch: true} is the cwd; a string or a list names paths relative to the cwd; false or absent is off. */
    private static List<String> paths(AppReader r, Path cwd) {
        JsonNode v = r.get(AppKey.WATCH);
        if (v == null || v.isNull() || cwd == null) return List.of();
        if (v.isBoolean()
                || (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false")))) {
            return v.asText().equals("true") ? List.of(cwd.toString()) : List.of();
        }
        List<String> words = list(r, AppKey.WATCH);
        List<String> out = new ArrayList<>();
        for (String w : words) out.add(cwd.resolve(w).normalize().toString());
        return out;
    }

    /** One string is one pattern or path (PM2 does not split it); a list is several. */
    private static List<String> list(AppReader r, AppKey key) {
        JsonNode v = r.get(key);
        if (v == null || v.isNull()) return List.of();
        if (v.isTextual()) return List.of(v.asText());
        List<String> words = r.words(key);
        return words == null ? List.of() : words;
    }
}
