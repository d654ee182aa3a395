package io.jpm.engine.config;

/** Small string readings shared by the section readers. */
final class Strings {

    private Strings() {}

    /** The string value of {@code key}; an empty string is an error. */
    static String nonEmpty(AppReader r, AppKey key) {
        String s = r.string(key);
        if (s != null && s.isEmpty()) {
            r.error(key, r.get(key), "is empty");
            return null;
        }
        return s;
    }
}
