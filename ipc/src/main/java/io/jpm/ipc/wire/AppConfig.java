package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The config block of {@code describe}: an app's settings by PM2 key, in the daemon's order. The set of keys grows
 * with the keys the daemon knows, so it is a list of entries; each value is one of a few typed shapes. On the wire it
 * is one JSON object, key to value.
 */
public record AppConfig(List<Entry> entries) implements WireValue {

    /** One setting as describe shows it. */
    public record Entry(String key, Value value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value of one setting. */
    public sealed interface Value {
        /** As describe prints it: a string as it is, anything else as compact JSON ({@code [0,143]}). */
        default String text() {
            return new String(Wire.bytes(this::write), StandardCharsets.UTF_8);
        }

        void write(JsonGenerator g) throws IOException;
    }

    public record Text(String value) implements Value {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String text() {
            return value;
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeString(value);
        }
    }

    /** A whole number: a count, milliseconds, bytes. */
    public record Whole(long value) implements Value {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeNumber(value);
        }
    }

    /** A number with a fraction, such as {@code watchdog_sec}. */
    public record Decimal(double value) implements Value {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeNumber(value);
        }
    }

    public record Flag(boolean value) implements Value {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeBoolean(value);
        }
    }

    /** Several values, such as the argv or the exit codes that stop restarts. */
    public record Items(List<Value> values) implements Value {
        public Items {
            values = List.copyOf(values);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartArray();
            for (Value v : values) v.write(g);
            g.writeEndArray();
        }
    }

    /** No value: the setting is not set. */
    public record Unset() implements Value {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeNull();
        }
    }

    public AppConfig {
        entries = List.copyOf(entries);
    }

    /** The value of {@code key}, if shown. */
    public Optional<Value> get(String key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) return Optional.of(e.value());
        }
        return Optional.empty();
    }

    /** Every setting as describe prints it, in order. */
    public Map<String, String> text() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries) out.put(e.key(), e.value().text());
        return out;
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Entry e : entries) {
            g.writeFieldName(e.key());
            e.value().write(g);
        }
        g.writeEndObject();
    }

    public static AppConfig read(JsonParser p) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Wire.object(p, (name, q) -> entries.add(new Entry(name, value(q))));
        return new AppConfig(entries);
    }

    private static Value value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> new Text(p.getText());
            case VALUE_NUMBER_INT -> new Whole(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> new Decimal(p.getDoubleValue());
            case VALUE_TRUE -> new Flag(true);
            case VALUE_FALSE -> new Flag(false);
            case START_ARRAY -> {
                List<Value> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p));
                yield new Items(items);
            }
            case START_OBJECT -> {
                Wire.skip(p);
                yield new Unset();
            }
            default -> new Unset();
        };
    }
}
