package io.jpm.engine.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How one setting's value is written into {@code dump.json} and read back. JSON null is written for null and reads as
 * null; the caller turns a missing or null field into the setting's default.
 */
record Codec<T>(Function<T, JsonNode> writer, Function<JsonNode, T> reader) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final Codec<String> STRING = new Codec<>(NODES::textNode, JsonNode::asText);
    static final Codec<Integer> INT = new Codec<>(NODES::numberNode, JsonNode::asInt);
    static final Codec<Long> LONG = new Codec<>(NODES::numberNode, JsonNode::asLong);
    static final Codec<Boolean> BOOL = new Codec<>(NODES::booleanNode, JsonNode::asBoolean);

    /** A plain path; version 1 files wrote {@code file:} URIs. */
    static final Codec<Path> PATH = new Codec<>(
            p -> NODES.textNode(p.toString()),
            n -> n.asText().startsWith("file:") ? Path.of(URI.create(n.asText())) : Path.of(n.asText()));

    static final Codec<List<String>> STRINGS = new Codec<>(Codec::array, n -> {
        List<String> out = new ArrayList<>();
        n.forEach(item -> out.add(item.asText()));
        return List.copyOf(out);
    });

    static final Codec<Set<Integer>> INTS = new Codec<>(Codec::array, n -> {
        Set<Integer> out = new LinkedHashSet<>();
        n.forEach(item -> out.add(item.asInt()));
        return Set.copyOf(out);
    });

    static final Codec<Map<String, String>> STRING_MAP = new Codec<>(
            m -> {
                ObjectNode o = NODES.objectNode();
                m.forEach(o::put);
                return o;
            },
            n -> {
                Map<String, String> out = new LinkedHashMap<>();
                n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
                return out;
            });

    /** An enum constant by its Java name ("CLUSTER"). */
    static <E extends Enum<E>> Codec<E> enumNamed(Class<E> type) {
        return new Codec<>(e -> NODES.textNode(e.name()), n -> Enum.valueOf(type, n.asText()));
    }

    /** A value that Jackson binds by its components, as {@code dump.json} has written probes and dependencies. */
    static <T> Codec<T> bound(TypeReference<T> type) {
        return new Codec<>(Json.MAPPER::valueToTree, n -> Json.MAPPER.convertValue(n, type));
    }

    JsonNode write(T value) {
        return value == null ? NODES.nullNode() : writer.apply(value);
    }

    /** The value; throws IllegalArgumentException when the node has the wrong shape. */
    T read(JsonNode node) {
        if (node.isNull()) return null;
        return reader.apply(node);
    }

    private static ArrayNode array(Iterable<?> items) {
        ArrayNode a = NODES.arrayNode();
        for (Object item : items) {
            if (item instanceof Integer i) a.add(i);
            else a.add(String.valueOf(item));
        }
        return a;
    }
}
