package io.jpm.engine.config;

import io.jpm.ipc.AppKey;
import java.util.Objects;
import java.util.function.Function;

/**
 * The declaration of one app setting: the ecosystem key it is read from, how it is read and checked, its default,
 * the field of {@link AppSpec} it fills, how {@code dump.json} saves it and how {@code describe} shows it.
 *
 * <p>Every declaration lives in {@link Settings}; the parser, the spec's records, the saved form and describe are
 * all filled from that list, so that a new key is one declaration there (and a field in its section record). An
 * <em>input</em> is a setting with no field: a key that other settings read ({@code args} feeds {@code command}).
 *
 * @param <T> the value's type, which is the type of the record component it fills
 */
public final class Setting<T> {

    /** Where {@code describe}'s config block shows a setting. */
    public enum Shown {
        NEVER,
        ALWAYS,
        /** Only for a cluster app with a public port. */
        CLUSTER
    }

    /** Reads the value of one app; records problems on the app's reader and returns the default after one. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Reading in);
    }

    private final AppKey key;
    private final String label;
    private final String field;
    private final T fallback;
    private final Reader<T> reader;
    private final String saved;
    private final Codec<T> codec;
    private final boolean required;
    private final Shown shown;
    private final Function<T, Object> describe;

    private Setting(
            AppKey key,
            String label,
            String field,
            T fallback,
            Reader<T> reader,
            String saved,
            Codec<T> codec,
            boolean required,
            Shown shown,
            Function<T, Object> describe) {
        this.key = key;
        this.label = Objects.requireNonNull(label, "label");
        this.field = field;
        this.fallback = fallback;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.saved = saved;
        this.codec = codec;
        this.required = required;
        this.shown = shown;
        this.describe = describe;
    }

    /** A setting read from {@code key} into the spec's {@code field} ("restart.maxRestarts"). */
    static <T> Setting<T> of(AppKey key, String field, T fallback, Reader<T> reader) {
        return new Setting<>(key, key.key(), field, fallback, reader, null, null, false, Shown.NEVER, null);
    }

    /** A setting computed from others, shown and saved under {@code label}. */
    static <T> Setting<T> derived(String label, String field, Reader<T> reader) {
        return new Setting<>(null, label, field, null, reader, null, null, false, Shown.NEVER, null);
    }

    /** A key that other settings read, which fills no field of its own. */
    static <T> Setting<T> input(AppKey key, Reader<T> reader) {
        return of(key, null, null, reader);
    }

    /** Saved in {@code dump.json} at {@code pointer} ("/rotation/keep"); a file without it reads the default. */
    Setting<T> saved(String pointer, Codec<T> how) {
        return new Setting<>(key, label, field, fallback, reader, pointer, how, required, shown, describe);
    }

    /** A saved file without it is unusable. */
    Setting<T> required() {
        return new Setting<>(key, label, field, fallback, reader, saved, codec, true, shown, describe);
    }

    /** Shown by describe as the value itself. */
    Setting<T> shown(Shown where) {
        return shown(where, v -> v);
    }

    /** Shown by describe as {@code how} presents the value. */
    Setting<T> shown(Shown where, Function<T, Object> how) {
        return new Setting<>(key, label, field, fallback, reader, saved, codec, required, where, how);
    }

    /** The key it is read from; null for a derived setting. */
    public AppKey key() {
        return key;
    }

    /** Its name in describe: the key's, or the derived setting's own. */
    public String label() {
        return label;
    }

    /** The path of the {@link AppSpec} component it fills, dot-separated; null for an input. */
    String field() {
        return field;
    }

    T fallback() {
        return fallback;
    }

    T read(Reading in) {
        return reader.read(in);
    }

    String savedAt() {
        return saved;
    }

    Codec<T> codec() {
        return codec;
    }

    boolean isRequired() {
        return required;
    }

    public Shown shown() {
        return shown;
    }

    /** The value describe shows for this setting of {@code spec}. */
    Object describe(AppSpec spec) {
        return describe.apply(valueIn(spec));
    }

    /** This setting's value in {@code spec}. */
    @SuppressWarnings("unchecked")
    T valueIn(AppSpec spec) {
        return (T) SpecShape.valueAt(spec, field);
    }

    @Override
    public String toString() {
        return field == null ? label : label + " -> " + field;
    }
}
