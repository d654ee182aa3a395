package io.jpm.engine.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Fills the spec's records by component name, so that no code lists their fields by position: a component is filled
 * by the value at its dotted path ({@code "restart.maxRestarts"}), and a component that is itself a record
 * ({@code logs.rotation}) is built the same way from the paths below it. Values are read back by the same paths.
 *
 * <p>Reflection runs only when a spec is built (a start, a dump read) or read field by field (describe, a dump
 * write); the constructors and accessors are looked up once per class.
 */
final class SpecShape {

    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    /** Records that are the value of one setting (a probe), not a group of settings. */
    private static final java.util.Set<Class<?>> VALUES = java.util.Set.of(ProbeSpec.class);

    private SpecShape() {}

    /**
     * A {@code type} whose component at {@code prefix + name} takes {@code valueAt}'s value; throws
     * IllegalArgumentException when the record's own checks reject a value.
     */
    static <R extends Record> R build(Class<R> type, String prefix, Function<String, Object> valueAt) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String path = prefix + c.getName();
            args[i] = isNested(c) ? build(nested(c), path + ".", valueAt) : valueAt.apply(path);
        }
        return construct(type, args);
    }

    /** A copy of {@code record} with one component replaced. */
    static <R extends Record> R with(R record, String component, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            boolean match = components[i].getName().equals(component);
            found |= match;
            args[i] = match ? value : read(components[i], record);
        }
        if (!found) throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no " + component);
        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) record.getClass();
        return construct(type, args);
    }

    /** The value at a dotted path below {@code root}. */
    static Object valueAt(Record root, String path) {
        Object at = root;
        for (String name : path.split("\\.")) {
            at = read(component((Record) at, name), at);
        }
        return at;
    }

    /** Every leaf path of {@code type}, for the check that each has one declaration. */
    static java.util.List<String> leafPaths(Class<? extends Record> type, String prefix) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix + c.getName();
            if (isNested(c)) out.addAll(leafPaths(nested(c), path + "."));
            else out.add(path);
        }
        return out;
    }

    private static boolean isNested(RecordComponent c) {
        return c.getType().isRecord() && !VALUES.contains(c.getType());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Record> nested(RecordComponent c) {
        return (Class<? extends Record>) c.getType();
    }

    private static RecordComponent component(Record r, String name) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) return c;
        }
        throw new IllegalArgumentException(r.getClass().getSimpleName() + " has no " + name);
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    private static <R> R construct(Class<R> type, Object[] args) {
        Constructor<?> ctor = CONSTRUCTORS.computeIfAbsent(type, t -> {
            Class<?>[] types = Arrays.stream(t.getRecordComponents())
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            try {
                return t.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor: " + t, e);
            }
        });
        try {
            return type.cast(ctor.newInstance(args));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
