package io.jpm.engine.config;

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
    /** False for an input, which other settings read and the spec does not keep. */
    private final boolean stored;

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
            boolean stored,
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
        this.stored = stored;
        this.shown = shown;
        this.describe = describe;
    }

    /**
     * A setting read from {@code key}, kept in the spec and read through this declaration
     * ({@code spec.get(Settings.X)}); the way to declare a new key.
     */
    static <T> Setting<T> of(AppKey key, T fallback, Reader<T> reader) {
        return of(key, null, fallback, reader);
    }

    /**
     * A setting read from {@code key} that a section view of the spec also shows, as its component at {@code field}
     * ("restart.maxRestarts"); null for none.
     */
    static <T> Setting<T> of(AppKey key, String field, T fallback, Reader<T> reader) {
        return new Setting<>(key, key.key(), field, fallback, reader, null, null, false, true, Shown.NEVER, null);
    }

    /** A setting computed from others, shown and saved under {@code label}, seen at {@code field} (or null). */
    static <T> Setting<T> derived(String label, String field, Reader<T> reader) {
        return derived(label, field, null, reader);
    }

    /** A setting computed from others, with a default. */
    static <T> Setting<T> derived(String label, String field, T fallback, Reader<T> reader) {
        return new Setting<>(null, label, field, fallback, reader, null, null, false, true, Shown.NEVER, null);
    }

    /** A key that other settings read, which the spec does not keep. */
    static <T> Setting<T> input(AppKey key, Reader<T> reader) {
        return new Setting<>(key, key.key(), null, null, reader, null, null, false, false, Shown.NEVER, null);
    }

    /** Saved in {@code dump.json} at {@code pointer} ("/rotation/keep"); a file without it reads the default. */
    Setting<T> saved(String pointer, Codec<T> how) {
        return new Setting<>(key, label, field, fallback, reader, pointer, how, required, stored, shown, describe);
    }

    /** A saved file without it is unusable. */
    Setting<T> required() {
        return new Setting<>(key, label, field, fallback, reader, saved, codec, true, stored, shown, describe);
    }

    /** Shown by describe as the value itself. */
    Setting<T> shown(Shown where) {
        return shown(where, v -> v);
    }

    /** Shown by describe as {@code how} presents the value. */
    Setting<T> shown(Shown where, Function<T, Object> how) {
        return new Setting<>(key, label, field, fallback, reader, saved, codec, required, stored, where, how);
    }

    /** The key it is read from; null for a derived setting. */
    public AppKey key() {
        return key;
    }

    /** Its name in describe: the key's, or the derived setting's own. */
    public String label() {
        return label;
    }

    /** The path of the section view's component it fills, dot-separated ("restart.maxRestarts"); null for none. */
    String field() {
        return field;
    }

    /** True when the spec keeps its value; false for an input. */
    boolean isStored() {
        return stored;
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
    T valueIn(AppSpec spec) {
        return spec.get(this);
    }

    @Override
    public String toString() {
        return field == null ? label : label + " -> " + field;
    }
}
