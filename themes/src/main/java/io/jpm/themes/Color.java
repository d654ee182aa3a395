package io.jpm.themes;

import java.util.Locale;
import java.util.Objects;

/**
 * A terminal color as a theme names it: the terminal's default, one of the 16 ANSI colors, an
 * xterm-256 index, or a 24-bit RGB value.
 *
 * <p>{@link #toString()} gives the theme-file form, which {@link #parse} reads back.
 */
public sealed interface Color permits Color.Default, Color.Ansi, Color.Indexed, Color.Rgb {

    /** The terminal's own foreground or background. */
    Color DEFAULT = new Default();

    static Color ansi(AnsiColor color) {
        return new Ansi(color);
    }

    static Color indexed(int index) {
        return new Indexed(index);
    }

    static Color rgb(int red, int green, int blue) {
        return new Rgb(red, green, blue);
    }

    /**
     * Reads {@code default}, an ANSI name ({@code red}, {@code brightBlack}, case ignored), an
     * xterm-256 index ({@code 0} to {@code 255}) or {@code #rrggbb}.
     *
     * @throws IllegalArgumentException naming the text, such as {@code "#12345" is not a color (…)}
     */
    static Color parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equalsIgnoreCase("default")) return DEFAULT;
        if (text.startsWith("#")) {
            if (text.length() == 7 && isHex(text.substring(1))) {
                int v = Integer.parseInt(text.substring(1), 16);
                return new Rgb(v >> 16, (v >> 8) & 0xff, v & 0xff);
            }
        } else if (!text.isEmpty() && text.length() <= 3 && text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            int index = Integer.parseInt(text);
            if (index <= 255) return new Indexed(index);
        } else {
            var ansi = AnsiColor.byName(text);
            if (ansi.isPresent()) return new Ansi(ansi.get());
        }
        throw new IllegalArgumentException('"' + text + "\" is not a color (use an ANSI name, 0-255 or #rrggbb)");
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
    }

    /** The terminal's default color. */
    record Default() implements Color {
        @Override
        public String toString() {
            return "default";
        }
    }

    /** One of the 16 colors whose exact shade the terminal's palette decides. */
    record Ansi(AnsiColor color) implements Color {
        public Ansi {
            Objects.requireNonNull(color, "color");
        }

        @Override
        public String toString() {
            return color.themeName();
        }
    }

    /** An entry of the xterm 256-color palette. */
    record Indexed(int index) implements Color {
        public Indexed {
            if (index < 0 || index > 255) throw new IllegalArgumentException("color index not in 0-255: " + index);
        }

        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    /** A 24-bit color. */
    record Rgb(int red, int green, int blue) implements Color {
        public Rgb {
            if ((red | green | blue) >>> 8 != 0) {
                throw new IllegalArgumentException("RGB component not in 0-255: " + red + "," + green + "," + blue);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
        }
    }
}
