package io.jpm.themes;

import io.jpm.themes.internal.XtermPalette;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** How many colors a terminal shows, and how a theme color is brought down to that. */
public enum ColorDepth {
    /** No colors: only the default foreground and background, plus attributes. */
    MONOCHROME,
    ANSI16,
    ANSI256,
    TRUECOLOR;

    /**
     * Guesses the depth from environment variables: {@code NO_COLOR} (non-empty) or {@code TERM=dumb}
     * give {@link #MONOCHROME}; {@code COLORTERM=truecolor|24bit} or a {@code TERM} ending in
     * {@code -direct} give {@link #TRUECOLOR}; a {@code TERM} containing {@code 256color} gives
     * {@link #ANSI256}; anything else {@link #ANSI16}.
     *
     * @param env such as {@code System.getenv()}
     */
    public static ColorDepth detect(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String noColor = env.get("NO_COLOR");
        String term = env.getOrDefault("TERM", "").toLowerCase(Locale.ROOT);
        String colorTerm = env.getOrDefault("COLORTERM", "").toLowerCase(Locale.ROOT);
        if (noColor != null && !noColor.isEmpty()) return MONOCHROME; // no-color.org: present and not empty
        if (term.equals("dumb")) return MONOCHROME;
        if (colorTerm.equals("truecolor") || colorTerm.equals("24bit") || term.endsWith("-direct")) return TRUECOLOR;
        if (term.contains("256color")) return ANSI256;
        return ANSI16;
    }

    /**
     * The color this depth shows for {@code color}: itself when it fits, else the nearest one that
     * does (RGB to the nearest xterm-256 entry; RGB or a 256 index to the nearest of the 16 ANSI
     * colors, matched against xterm's palette). Everything is {@link Color#DEFAULT} in monochrome.
     */
    public Color fit(Color color) {
        Objects.requireNonNull(color, "color");
        return switch (this) {
            case TRUECOLOR -> color;
            case MONOCHROME -> Color.DEFAULT;
            case ANSI256 ->
                color instanceof Color.Rgb rgb
                        ? Color.indexed(XtermPalette.nearest256(rgb.red(), rgb.green(), rgb.blue()))
                        : color;
            case ANSI16 ->
                switch (color) {
                    case Color.Default d -> d;
                    case Color.Ansi a -> a;
                    case Color.Indexed i when i.index() < 16 -> Color.ansi(AnsiColor.ofIndex(i.index()));
                    case Color.Indexed i -> nearest16(XtermPalette.rgb(i.index()));
                    case Color.Rgb rgb -> nearest16((rgb.red() << 16) | (rgb.green() << 8) | rgb.blue());
                };
        };
    }

    private static Color nearest16(int rgb) {
        return Color.ansi(AnsiColor.ofIndex(XtermPalette.nearest16(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff)));
    }

    /** Whether this depth can show {@code color} as it is. */
    public boolean supports(Color color) {
        return fit(color).equals(color);
    }
}
