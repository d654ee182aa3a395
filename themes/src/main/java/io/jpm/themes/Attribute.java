package io.jpm.themes;

import java.util.Locale;
import java.util.Optional;

/** A text attribute a role may add to its color; the only styling a monochrome terminal has. */
public enum Attribute {
    BOLD,
    REVERSE,
    UNDERLINE;

    /** The name used in theme files, such as {@code bold}. */
    public String themeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Attribute> byName(String name) {
        for (Attribute a : values()) {
            if (a.themeName().equals(name)) return Optional.of(a);
        }
        return Optional.empty();
    }
}
