package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streaming JSON helpers that every wire record's hand-written writer and reader share. Only jackson-core is
 * used: no data binding, so that a one-shot client pays for no reflection.
 */
public final class Wire {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Reads one value; the parser stands on the value's first token and is left on its last. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Handles one field of an object; the parser stands on the field's value. */
    @FunctionalInterface
    public interface Fields {
        void field(String name, JsonParser p) throws IOException;
    }

    private Wire() {}

    /** A new parser over {@code json}, not yet advanced. */
    public static JsonParser parser(byte[] json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** Reads a whole document with {@code reader}. */
    public static <T> T read(byte[] json, Reader<T> reader) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) throw new IOException("empty JSON");
            return reader.read(p);
        }
    }

    /** The compact JSON of a value. */
    public static byte[] bytes(WireValue value) {
        return bytes(value, false);
    }

    /** The JSON of a value, indented when {@code pretty}. */
    public static byte[] bytes(WireValue value, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) g.setPrettyPrinter(new DefaultPrettyPrinter());
            value.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The compact JSON array of {@code values}, as {@code ["a","b"]}. */
    public static String json(List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (String v : values) g.writeString(v);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Walks an object field by field; fields the handler does not know must be skipped with {@link #skip}. */
    public static void object(JsonParser p, Fields fields) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected an object, found " + p.currentToken());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            fields.field(name, p);
        }
    }

    /** Skips the value the parser stands on (an unknown field: newer daemons only ever add fields). */
    public static void skip(JsonParser p) throws IOException {
        p.skipChildren();
    }

    public static <T> List<T> list(JsonParser p, Reader<T> element) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return List.of();
        if (p.currentToken() != JsonToken.START_ARRAY) throw new IOException("expected an array");
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(element.read(p));
        return List.copyOf(out);
    }

    /** An object read as a map, in the order of the JSON. */
    public static <T> Map<String, T> map(JsonParser p, Reader<T> value) throws IOException {
        Map<String, T> out = new LinkedHashMap<>();
        if (p.currentToken() == JsonToken.VALUE_NULL) return out;
        object(p, (name, q) -> out.put(name, value.read(q)));
        return out;
    }

    public static String text(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsString();
    }

    public static Long nullableLong(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsLong();
    }

    public static Integer nullableInt(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : p.getValueAsInt();
    }

    public static double[] doubles(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            skip(p);
            return new double[0];
        }
        double[] d = new double[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == d.length) d = Arrays.copyOf(d, n * 2);
            d[n++] = p.getValueAsDouble();
        }
        return Arrays.copyOf(d, n);
    }

    public static long[] longs(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            skip(p);
            return new long[0];
        }
        long[] d = new long[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == d.length) d = Arrays.copyOf(d, n * 2);
            d[n++] = p.getValueAsLong();
        }
        return Arrays.copyOf(d, n);
    }

    /**
     * Any JSON value as plain Java: String, Long (any integer that fits), Double, Boolean, null, List or an ordered Map. Used only for
     * the open sets of a describe reply (the app's settings by PM2 key).
     */
    public static Object any(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getNumberValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) l.add(any(p));
                yield l;
            }
            case START_OBJECT -> map(p, Wire::any);
            default -> null;
        };
    }

    /** Writes a value of the kinds {@link #any} reads. */
    public static void writeAny(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case Number n -> g.writeNumber(n.toString());
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) writeAny(g, o);
                g.writeEndArray();
            }
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    writeAny(g, e.getValue());
                }
                g.writeEndObject();
            }
            default -> g.writeString(v.toString());
        }
    }

    public static void nullableNumber(JsonGenerator g, String field, Long v) throws IOException {
        g.writeFieldName(field);
        if (v == null) g.writeNull();
        else g.writeNumber(v);
    }

    public static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (String s : values) g.writeString(s);
        g.writeEndArray();
    }

    public static void list(JsonGenerator g, String field, List<? extends WireValue> values) throws IOException {
        g.writeFieldName(field);
        g.writeStartArray();
        for (WireValue v : values) v.write(g);
        g.writeEndArray();
    }

    public static void doubles(JsonGenerator g, String field, double[] values) throws IOException {
        g.writeFieldName(field);
        g.writeArray(values, 0, values.length);
    }

    public static void longs(JsonGenerator g, String field, long[] values) throws IOException {
        g.writeFieldName(field);
        g.writeArray(values, 0, values.length);
    }
}
