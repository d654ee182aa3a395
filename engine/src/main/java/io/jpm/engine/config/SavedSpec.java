package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * One app's settings as {@code dump.json} saves them: each {@link Setting} at its own place in an object of its own,
 * so that the domain record can change shape without making old files unreadable.
 *
 * <p>Version 1 files (jpm before the spec had sections) bound {@code AppSpec} directly: the same field names, with
 * paths written as {@code file:} URIs. Version 2 writes plain paths. Both read here: a field that a file lacks
 * (written before the setting existed) takes the setting's default, and unknown fields are ignored, so an upgrade or
 * a downgrade by one version never loses an app.
 */
public final class SavedSpec {

    /** The version of the form {@link #write} writes. */
    public static final int VERSION = 2;

    private SavedSpec() {}

    public static ObjectNode write(AppSpec spec) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (Setting<?> s : Settings.ALL) {
            if (s.savedAt() != null) put(o, s.savedAt(), save(s, spec));
        }
        return o;
    }

    private static <T> JsonNode save(Setting<T> s, AppSpec spec) {
        return s.codec().write(s.valueIn(spec));
    }

    /** The domain record; throws IllegalArgumentException naming the field when the saved value cannot be used. */
    public static AppSpec read(JsonNode saved) {
        if (saved == null || !saved.isObject()) throw new IllegalArgumentException("saved app is not an object");
        String name = saved.path("name").asText("?");
        Map<Setting<?>, Object> values = new HashMap<>();
        for (Setting<?> s : Settings.ALL) {
            if (!s.isStored()) continue;
            Object v = s.savedAt() == null ? null : load(s, saved.at(s.savedAt()), name);
            if (s.isRequired() && (v == null || v instanceof java.util.Collection<?> c && c.isEmpty())) {
                throw new IllegalArgumentException(
                        "app " + name + ": no " + s.savedAt().substring(1));
            }
            values.put(s, v == null ? s.fallback() : v);
        }
        return new AppSpec(values);
    }

    private static Object load(Setting<?> s, JsonNode node, String app) {
        if (node.isMissingNode() || node.isNull()) return null;
        try {
            return s.codec().read(node);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("app " + app + ": " + s.savedAt().substring(1) + ": " + node, e);
        }
    }

    /** Puts {@code value} at a JSON pointer of one or two levels, creating the inner object. */
    private static void put(ObjectNode o, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode at = o;
        for (int i = 0; i < parts.length - 1; i++) {
            at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], value);
    }
}
