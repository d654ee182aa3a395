package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The readings of the watch keys ({@code watch}, {@code ignore_watch}, {@code watch_options}): each is the reader
 * of one declaration in {@link Settings}.
 */
final class WatchKeyReaders {

    private WatchKeyReaders() {}

    /** {@code watch: true} is the cwd; a string or a list names paths relative to the cwd; false or absent is off. */
    static List<String> watchPaths(Reading in) {
        AppReader r = in.r;
        JsonNode v = r.get(Settings.WATCH.key());
        Path cwd = in.get(Settings.CWD);
        if (v == null || v.isNull() || cwd == null) return List.of();
        if (v.isBoolean()
                || (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false")))) {
            return v.asText().equals("true") ? List.of(cwd.toString()) : List.of();
        }
        List<String> out = new ArrayList<>();
        for (String w : patterns(r, Settings.WATCH.key()))
            out.add(cwd.resolve(w).normalize().toString());
        return List.copyOf(out);
    }

    /** One string is one pattern or path (PM2 does not split it); a list is several. */
    static List<String> patterns(AppReader r, AppKey key) {
        JsonNode v = r.get(key);
        if (v == null || v.isNull()) return List.of();
        if (v.isTextual()) return List.of(v.asText());
        List<String> words = r.words(key);
        return words == null ? List.of() : words;
    }

    /** {@code watch_options}: an object whose fields three settings read; null when absent or not an object. */
    static JsonNode watchOptions(Reading in) {
        JsonNode options = in.r.get(Settings.WATCH_OPTIONS.key());
        if (options == null || options.isNull()) return null;
        if (!options.isObject()) {
            in.r.error(Settings.WATCH_OPTIONS.key(), options, "is not an object");
            return null;
        }
        return options;
    }

    static boolean watchPolling(Reading in) {
        JsonNode options = in.get(Settings.WATCH_OPTIONS);
        boolean polling = options != null && options.path("usePolling").asBoolean(false);
        if (polling) {
            in.r.warn("watch_options.usePolling: jpm watches with inotify, not by polling; "
                    + "usePolling and interval are kept but not used");
        }
        return polling;
    }

    static long watchIntervalMs(Reading in) {
        JsonNode options = in.get(Settings.WATCH_OPTIONS);
        long d = WatchSettings.DEFAULT_INTERVAL_MS;
        long interval = options == null ? d : options.path("interval").asLong(d);
        if (interval < 1) {
            in.r.error(Settings.WATCH_OPTIONS.key(), options, "interval < 1 ms");
            return d;
        }
        return interval;
    }

    static boolean watchFollowSymlinks(Reading in) {
        JsonNode options = in.get(Settings.WATCH_OPTIONS);
        return options == null || options.path("followSymlinks").asBoolean(true);
    }
}
