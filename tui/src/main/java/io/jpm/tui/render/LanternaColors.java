package io.jpm.tui.render;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.jpm.themes.Attribute;
import io.jpm.themes.Color;
import io.jpm.themes.ColorDepth;
import io.jpm.themes.Role;
import io.jpm.themes.Style;
import io.jpm.themes.Theme;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Draws with a theme's roles on Lanterna, reducing every color to what the terminal can show.
 *
 * <p>Reduction only replaces colors: a theme that relies on color for the selected row still needs
 * one, so pick the theme with {@code ThemeCatalog.select}, which gives monochrome when there is none.
 */
public final class LanternaColors {

    private static final TextColor.ANSI[] ANSI = {
        TextColor.ANSI.BLACK,
        TextColor.ANSI.RED,
        TextColor.ANSI.GREEN,
        TextColor.ANSI.YELLOW,
        TextColor.ANSI.BLUE,
        TextColor.ANSI.MAGENTA,
        TextColor.ANSI.CYAN,
        TextColor.ANSI.WHITE,
        TextColor.ANSI.BLACK_BRIGHT,
        TextColor.ANSI.RED_BRIGHT,
        TextColor.ANSI.GREEN_BRIGHT,
        TextColor.ANSI.YELLOW_BRIGHT,
        TextColor.ANSI.BLUE_BRIGHT,
        TextColor.ANSI.MAGENTA_BRIGHT,
        TextColor.ANSI.CYAN_BRIGHT,
        TextColor.ANSI.WHITE_BRIGHT,
    };

    private final Theme theme;
    private final ColorDepth depth;

    public LanternaColors(Theme theme, ColorDepth depth) {
        this.theme = Objects.requireNonNull(theme, "theme");
        this.depth = Objects.requireNonNull(depth, "depth");
    }

    public Theme theme() {
        return theme;
    }

    public ColorDepth depth() {
        return depth;
    }

    /** The Lanterna color for {@code color} once reduced to {@code depth}. */
    public static TextColor toTextColor(Color color, ColorDepth depth) {
        return switch (depth.fit(color)) {
            case Color.Default d -> TextColor.ANSI.DEFAULT;
            case Color.Ansi a -> ANSI[a.color().index()];
            case Color.Indexed i -> new TextColor.Indexed(i.index());
            case Color.Rgb rgb -> new TextColor.RGB(rgb.red(), rgb.green(), rgb.blue());
        };
    }

    public static EnumSet<SGR> toSgr(Set<Attribute> attributes) {
        EnumSet<SGR> sgr = EnumSet.noneOf(SGR.class);
        for (Attribute a : attributes) {
            sgr.add(
                    switch (a) {
                        case BOLD -> SGR.BOLD;
                        case REVERSE -> SGR.REVERSE;
                        case UNDERLINE -> SGR.UNDERLINE;
                    });
        }
        return sgr;
    }

    public TextColor foreground(Role role) {
        return toTextColor(theme.style(role).foreground(), depth);
    }

    public TextColor background(Role role) {
        return toTextColor(theme.style(role).background(), depth);
    }

    /** Sets {@code g}'s colors and modifiers (replacing all earlier ones) to draw in {@code role}. */
    public TextGraphics apply(TextGraphics g, Role role) {
        return apply(g, theme.style(role));
    }

    /** Sets {@code g} to draw an app's name in its palette color. */
    public TextGraphics applyApp(TextGraphics g, String app) {
        return apply(g, theme.appStyle(app));
    }

    /** Sets {@code g}'s colors and modifiers (replacing all earlier ones) to {@code style}. */
    public TextGraphics apply(TextGraphics g, Style style) {
        g.setForegroundColor(toTextColor(style.foreground(), depth));
        g.setBackgroundColor(toTextColor(style.background(), depth));
        g.setModifiers(toSgr(style.attributes()));
        return g;
    }
}
