package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The reading of one app: each {@link Setting} is read once, on first request, so that a setting can ask for the
 * ones it depends on ({@code exec_mode} asks for the command) whatever the declaration order.
 */
final class Reading {

    private static final Object NULL = new Object();

    final JsonNode app;
    final AppReader r;
    /** The parser's settings: base environment and folder, profile, lookup, processors, file rules. */
    final AppSpecParser parser;

    private final Map<Setting<?>, Object> values = new HashMap<>();

    Reading(JsonNode app, AppReader r, AppSpecParser parser) {
        this.app = app;
        this.r = r;
        this.parser = parser;
    }

    /** The value of {@code s} for this app, read now if it was not yet; null when absent or bad. */
    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> s) {
        Object v = values.get(s);
        if (v == null) {
            T read = s.read(this);
            values.put(s, read == null ? NULL : read);
            return read;
        }
        return v == NULL ? null : (T) v;
    }

    /** The value of {@code s}, or its default when absent or bad. */
    <T> T getOrDefault(Setting<T> s) {
        T v = get(s);
        return v == null ? s.fallback() : v;
    }
}
