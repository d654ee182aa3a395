package io.jpm.themes;

import java.util.Locale;
import java.util.Optional;

/** The 16 ANSI terminal colors, in SGR order (index 0-7 normal, 8-15 bright). */
public enum AnsiColor {
    BLACK("black"),
    RED("red"),
    GREEN("green"),
    YELLOW("yellow"),
    BLUE("blue"),
    MAGENTA("magenta"),
    CYAN("cyan"),
    WHITE("white"),
    BRIGHT_BLACK("brightBlack"),
    BRIGHT_RED("brightRed"),
    BRIGHT_GREEN("brightGreen"),
    BRIGHT_YELLOW("brightYellow"),
    BRIGHT_BLUE("brightBlue"),
    BRIGHT_MAGENTA("brightMagenta"),
    BRIGHT_CYAN("brightCyan"),
    BRIGHT_WHITE("brightWhite");

    private final String themeName;

    AnsiColor(String themeName) {
        this.themeName = themeName;
    }

    /** The name used in theme files, such as {@code brightBlack}. */
    public String themeName() {
        return themeName;
    }

    /** The color's index in the xterm palette, 0-15. */
    public int index() {
        return ordinal();
    }

    public boolean isBright() {
        return ordinal() >= 8;
    }

    public static AnsiColor ofIndex(int index) {
        if (index < 0 || index > 15) throw new IllegalArgumentException("ANSI index not in 0-15: " + index);
        return values()[index];
    }

    /**
     * Finds a color by its theme name, ignoring case and any '-' or '_' ({@code bright-black} and
     * {@code BRIGHT_BLACK} both name {@link #BRIGHT_BLACK}).
     */
    public static Optional<AnsiColor> byName(String name) {
        String wanted = normalize(name);
        for (AnsiColor c : values()) {
            if (normalize(c.themeName).equals(wanted)) return Optional.of(c);
        }
        return Optional.empty();
    }

    private static String normalize(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
