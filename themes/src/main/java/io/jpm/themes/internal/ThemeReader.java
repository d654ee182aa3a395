package io.jpm.themes.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpm.themes.Attribute;
import io.jpm.themes.Color;
import io.jpm.themes.Paint;
import io.jpm.themes.Role;
import io.jpm.themes.Theme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one theme file, reporting the first wrong key.
 *
 * <p>A strict read (built-ins) needs every role and the palette. A lenient read (user themes) takes
 * what the file leaves out from its base: the built-in named by {@code extends}, else the default.
 */
public final class ThemeReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> TOP_KEYS = List.of("name", "extends", "colors", "appPalette");
    private static final String ROLE_KEYS =
            Arrays.stream(Role.values()).map(Role::key).collect(Collectors.joining(", "));
    private static final String ATTRIBUTES =
            Arrays.stream(Attribute.values()).map(Attribute::themeName).collect(Collectors.joining(", "));

    private ThemeReader() {}

    /** Reads a built-in theme, which must give every role and a palette and may not use {@code extends}. */
    public static Theme readStrict(byte[] json, String defaultName) throws ThemeFileException {
        return read(json, defaultName, Map.of(), null);
    }

    /**
     * Reads a user theme.
     *
     * @param bases the themes {@code extends} may name
     * @param defaultBase the base when the file has no {@code extends}
     */
    public static Theme read(byte[] json, String defaultName, Map<String, Theme> bases, String defaultBase)
            throws ThemeFileException {
        JsonNode root = parse(json);
        if (!root.isObject()) throw new ThemeFileException("", "expected a JSON object, not " + describe(root));
        for (var field : root.properties()) {
            String key = field.getKey();
            if (!TOP_KEYS.contains(key)) {
                throw new ThemeFileException(key, "unknown key (expected name, extends, colors or appPalette)");
            }
        }
        boolean strict = defaultBase == null;
        String name = readName(root.get("name"), defaultName);
        Theme base = strict ? null : readBase(root.get("extends"), bases, defaultBase);
        Map<Role, Paint> paints = readColors(root.get("colors"), strict);
        List<Color> palette = readPalette(root.get("appPalette"), strict);

        if (strict) return new Theme(name, paints, palette); // readColors checked completeness
        Map<Role, Paint> merged = new EnumMap<>(base.paints());
        merged.putAll(paints);
        return new Theme(name, merged, palette != null ? palette : base.appPalette());
    }

    private static JsonNode parse(byte[] json) throws ThemeFileException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.isMissingNode())
                throw new ThemeFileException("", "empty file (expected a JSON object)");
            return root;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ThemeFileException(where, "bad JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ThemeFileException("", "cannot read: " + oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static String readName(JsonNode node, String defaultName) throws ThemeFileException {
        String name = defaultName;
        if (node != null) {
            if (!node.isTextual()) throw new ThemeFileException("name", "expected a string, not " + describe(node));
            name = node.textValue();
        }
        if (!Theme.isValidName(name)) {
            throw new ThemeFileException(
                    "name", '"' + name + "\" is not a theme name (use letters, digits, '.', '_' or '-')");
        }
        return name;
    }

    private static Theme readBase(JsonNode node, Map<String, Theme> bases, String defaultBase)
            throws ThemeFileException {
        if (node == null) {
            Theme base = bases.get(defaultBase);
            if (base == null) throw new IllegalArgumentException("default base not among the bases: " + defaultBase);
            return base;
        }
        if (!node.isTextual()) throw new ThemeFileException("extends", "expected a string, not " + describe(node));
        Theme base = bases.get(node.textValue());
        if (base == null) {
            throw new ThemeFileException(
                    "extends",
                    '"' + node.textValue() + "\" is not a built-in theme (use one of "
                            + String.join(", ", bases.keySet()) + ")");
        }
        return base;
    }

    private static Map<Role, Paint> readColors(JsonNode node, boolean strict) throws ThemeFileException {
        Map<Role, Paint> paints = new EnumMap<>(Role.class);
        if (node == null) {
            if (strict) throw new ThemeFileException("colors", "missing");
            return paints;
        }
        if (!node.isObject()) throw new ThemeFileException("colors", "expected an object, not " + describe(node));
        for (var field : node.properties()) {
            String key = "colors." + field.getKey();
            Role role = Role.byKey(field.getKey())
                    .orElseThrow(() -> new ThemeFileException(key, "unknown role (expected one of " + ROLE_KEYS + ")"));
            paints.put(role, readPaint(field.getValue(), key));
        }
        if (strict && paints.size() < Role.values().length) {
            Set<Role> missing = EnumSet.allOf(Role.class);
            missing.removeAll(paints.keySet());
            String keys = missing.stream().map(Role::key).collect(Collectors.joining(", "));
            throw new ThemeFileException("colors", "missing roles: " + keys);
        }
        return paints;
    }

    private static Paint readPaint(JsonNode node, String key) throws ThemeFileException {
        if (!node.isObject()) return new Paint(readColor(node, key), Set.of());
        for (var field : node.properties()) {
            String sub = field.getKey();
            if (!sub.equals("color") && !sub.equals("attributes")) {
                throw new ThemeFileException(key + "." + sub, "unknown key (expected color or attributes)");
            }
        }
        JsonNode color = node.get("color");
        if (color == null) throw new ThemeFileException(key + ".color", "missing (use \"default\" for none)");
        Set<Attribute> attributes = EnumSet.noneOf(Attribute.class);
        JsonNode attrs = node.get("attributes");
        if (attrs != null) {
            if (!attrs.isArray()) {
                throw new ThemeFileException(key + ".attributes", "expected an array, not " + describe(attrs));
            }
            for (int i = 0; i < attrs.size(); i++) {
                JsonNode a = attrs.get(i);
                String at = key + ".attributes[" + i + "]";
                if (!a.isTextual()) throw new ThemeFileException(at, "expected a string, not " + describe(a));
                attributes.add(Attribute.byName(a.textValue())
                        .orElseThrow(() -> new ThemeFileException(
                                at, '"' + a.textValue() + "\" is not an attribute (use " + ATTRIBUTES + ")")));
            }
        }
        return new Paint(readColor(color, key + ".color"), attributes);
    }

    private static List<Color> readPalette(JsonNode node, boolean strict) throws ThemeFileException {
        if (node == null) {
            if (strict) throw new ThemeFileException("appPalette", "missing");
            return null;
        }
        if (!node.isArray()) throw new ThemeFileException("appPalette", "expected an array, not " + describe(node));
        if (node.isEmpty()) throw new ThemeFileException("appPalette", "empty (give at least one color)");
        List<Color> palette = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) palette.add(readColor(node.get(i), "appPalette[" + i + "]"));
        return palette;
    }

    private static Color readColor(JsonNode node, String key) throws ThemeFileException {
        if (!node.isTextual() && !node.isNumber()) {
            throw new ThemeFileException(
                    key, "expected a color, not " + describe(node) + " (use an ANSI name, 0-255 or #rrggbb)");
        }
        try {
            return Color.parse(node.isTextual() ? node.textValue() : node.toString());
        } catch (IllegalArgumentException e) {
            throw new ThemeFileException(key, e.getMessage());
        }
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> node.toString();
            case NULL -> "null";
            case NUMBER -> "the number " + node;
            case STRING -> "the string " + node;
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
