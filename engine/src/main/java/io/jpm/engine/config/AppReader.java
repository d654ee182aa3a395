package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of one app's JSON object, collecting every problem instead of stopping at the first.
 *
 * <p>Each accessor returns the default (or null) when the key is absent or JSON null, and records an error naming
 * the app, the key and the value when it is present but unusable. Messages read {@code app "api": key: value
 * reason}, the value printed as JSON so that strings show their quotes. A key is read under its catalogue name or,
 * when that is absent, under one of its aliases ({@code cmd} for {@code script}); messages name the spelling used.
 *
 * <p>In an ecosystem file, a key with an underscore whose value is {@code false}, {@code 0} or {@code ""} is absent,
 * as in PM2: its schema check ({@code Config.validateJSON}) replaces a falsy value with the value of the key's
 * camelCase alias ({@code logDateFormat}), which files do not set, so {@code log_date_format: false} means no format
 * and {@code max_restarts: 0} PM2's default.
 */
final class AppReader {

    private final JsonNode app;
    private final String label;
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> erredKeys = new LinkedHashSet<>();
    private final boolean falsyIsAbsent;

    /** @param falsyIsAbsent PM2's reading of a falsy value under a key with an underscore (ecosystem files) */
    AppReader(JsonNode app, String label, boolean falsyIsAbsent) {
        this.app = app;
        this.label = label;
        this.falsyIsAbsent = falsyIsAbsent;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    void error(AppKey key, JsonNode value, String reason) {
        erredKeys.add(name(key));
        errors.add(prefix() + name(key) + ": " + value + " " + reason);
    }

    void error(AppKey key, String message) {
        error(name(key), message);
    }

    /** An error about a key outside the catalogue, such as {@code env_production}. */
    void error(String key, String message) {
        erredKeys.add(key);
        errors.add(prefix() + key + ": " + message);
    }

    /**
     * Whether every error is one PM2 meets only when it launches the app (its script, interpreter or cwd cannot be
     * found) rather than when it validates the file: PM2 then starts the file's other apps.
     */
    boolean onlyLaunchErrors() {
        return !erredKeys.isEmpty() && LAUNCH_KEYS.containsAll(erredKeys);
    }

    private static final Set<String> LAUNCH_KEYS = Set.of(
            Settings.SCRIPT.key().key(),
            Settings.INTERPRETER.key().key(),
            Settings.CWD.key().key(),
            "cmd",
            "exec_interpreter");

    void warn(String message) {
        warnings.add(prefix() + message);
    }

    private String prefix() {
        return "app \"" + printable(label) + "\": ";
    }

    /** The label with control characters escaped as in JSON, so that a problem stays one harmless line. */
    private static String printable(String s) {
        if (s.chars().noneMatch(Character::isISOControl)) return s;
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** The spelling of {@code key} this app uses: the key itself, else the first alias present. */
    String name(AppKey key) {
        if (present(key.key())) return key.key();
        for (String alias : key.aliases()) {
            if (present(alias)) return alias;
        }
        return key.key();
    }

    private boolean present(String name) {
        JsonNode v = app.get(name);
        return v != null && !v.isNull() && !(falsyIsAbsent && pm2Falsy(name, v));
    }

    /** The value, or null when absent, JSON null or, in a file, a falsy value PM2 drops. */
    JsonNode get(AppKey key) {
        String name = name(key);
        return present(name) ? app.get(name) : null;
    }

    /** A value PM2's schema check drops: false, 0 or "" under a key whose camelCase alias differs from it. */
    static boolean pm2Falsy(String name, JsonNode v) {
        return name.indexOf('_') > 0
                && (v.isBoolean() && !v.asBoolean()
                        || v.isNumber() && v.asDouble() == 0
                        || v.isTextual() && v.asText().isEmpty());
    }

    boolean has(AppKey key) {
        return get(key) != null;
    }

    String string(AppKey key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (v.isTextual()) return v.asText();
        error(key, v, "is not a string");
        return null;
    }

    boolean bool(AppKey key, boolean defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        error(key, v, "is not true or false");
        return defaultValue;
    }

    /** A whole number within [min, max]; strings of digits are accepted, as PM2 does. */
    int integer(AppKey key, int defaultValue, int min, int max) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        Long n = wholeNumber(v);
        if (n == null) {
            error(key, v, "is not a whole number");
            return defaultValue;
        }
        if (n < min) {
            error(key, v, "is below " + min);
            return defaultValue;
        }
        if (n > max) {
            error(key, v, "is above " + max);
            return defaultValue;
        }
        return n.intValue();
    }

    /** Milliseconds, as a number or a duration such as {@code "5s"}. */
    long millis(AppKey key, long defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        try {
            long ms;
            if (v.isNumber()) {
                ms = Math.round(v.asDouble());
            } else if (v.isTextual()) {
                ms = SizeParser.millis(v.asText());
            } else {
                throw new IllegalArgumentException("is not a duration like 500ms, 5s or 1m");
            }
            if (ms < 0) throw new IllegalArgumentException("is negative");
            return ms;
        } catch (IllegalArgumentException e) {
            error(key, v, e.getMessage());
            return defaultValue;
        }
    }

    /** Bytes, as a number or a size such as {@code "200M"}. */
    long bytes(AppKey key, long defaultValue) {
        JsonNode v = get(key);
        if (v == null) return defaultValue;
        try {
            long b;
            if (v.isIntegralNumber()) {
                b = v.asLong();
            } else if (v.isTextual()) {
                b = SizeParser.bytes(v.asText());
            } else {
                throw new IllegalArgumentException("is not a size like 512K, 200M or 1G");
            }
            if (b < 0) throw new IllegalArgumentException("is negative");
            return b;
        } catch (IllegalArgumentException e) {
            error(key, v, e.getMessage());
            return defaultValue;
        }
    }

    /** A list of words: a string split like a shell would, or an array of strings and numbers. Null when absent. */
    List<String> words(AppKey key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (v.isTextual()) {
            try {
                return ShellWords.split(v.asText());
            } catch (IllegalArgumentException e) {
                error(key, v, e.getMessage());
                return null;
            }
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isValueNode() || item.isNull()) {
                    error(key, v, "holds " + item + ", which is not a string");
                    return null;
                }
                out.add(item.asText());
            }
            return List.copyOf(out);
        }
        if (v.isNumber()) return List.of(v.asText());
        error(key, v, "is not a string or a list of strings");
        return null;
    }

    /** Exit codes: one number or a list of them, each 0..255. */
    Set<Integer> exitCodes(AppKey key) {
        JsonNode v = get(key);
        if (v == null) return Set.of();
        Set<Integer> codes = new LinkedHashSet<>();
        for (JsonNode item : v.isArray() ? v : List.of(v)) {
            Long n = wholeNumber(item);
            if (n == null || n < 0 || n > 255) {
                error(key, v, "holds " + item + ", which is not an exit code 0..255");
                return Set.of();
            }
            codes.add(n.intValue());
        }
        return Set.copyOf(codes);
    }

    /** A JSON integer, or a string holding one; else null. */
    static Long wholeNumber(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.asLong();
        if (v.isFloatingPointNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 1e15) {
            return (long) v.asDouble();
        }
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,18}"))
            return Long.parseLong(v.asText().trim());
        return null;
    }
}
