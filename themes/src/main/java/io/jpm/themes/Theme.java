package io.jpm.themes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named palette: a {@link Paint} for every {@link Role} plus the colors given to app names.
 *
 * @param name what {@code --theme} selects: letters, digits, '.', '_' or '-'
 * @param paints one entry per role, none missing
 * @param appPalette at least one color; {@link #appColor} picks from it by a stable hash of the app name
 */
public record Theme(String name, Map<Role, Paint> paints, List<Color> appPalette) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public Theme {
        Objects.requireNonNull(name, "name");
        if (!isValidName(name)) throw new IllegalArgumentException("bad theme name: \"" + name + '"');
        Map<Role, Paint> copy = new EnumMap<>(Role.class); // role order, for listings and diffs
        paints.forEach((role, paint) -> copy.put(role, Objects.requireNonNull(paint, role.key())));
        paints = Collections.unmodifiableMap(copy);
        appPalette = List.copyOf(appPalette);
        Set<Role> missing = EnumSet.allOf(Role.class);
        missing.removeAll(paints.keySet());
        if (!missing.isEmpty()) throw new IllegalArgumentException("theme " + name + " lacks roles: " + missing);
        if (appPalette.isEmpty()) throw new IllegalArgumentException("theme " + name + " has an empty appPalette");
    }

    /** Whether {@code name} may name a theme: letters, digits, '.', '_' or '-'. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    public Paint paint(Role role) {
        return paints.get(Objects.requireNonNull(role, "role"));
    }

    public Color color(Role role) {
        return paint(role).color();
    }

    /**
     * How to draw text in {@code role}. A text role is drawn on {@link Role#BACKGROUND}; the two
     * selection roles both give {@link Role#SELECTION_TEXT} on {@link Role#SELECTION}; the
     * background role gives {@link Role#TEXT} on the background. Attributes of both paints add up.
     */
    public Style style(Role role) {
        return switch (role) {
            case BACKGROUND -> combine(Role.TEXT, Role.BACKGROUND);
            case SELECTION, SELECTION_TEXT -> combine(Role.SELECTION_TEXT, Role.SELECTION);
            default -> combine(role, Role.BACKGROUND);
        };
    }

    private Style combine(Role fg, Role bg) {
        Set<Attribute> attrs = EnumSet.noneOf(Attribute.class);
        attrs.addAll(paint(fg).attributes());
        attrs.addAll(paint(bg).attributes());
        return new Style(color(fg), color(bg), attrs);
    }

    /** The palette color for an app; the same name always gets the same color. */
    public Color appColor(String app) {
        Objects.requireNonNull(app, "app");
        return appPalette.get(Math.floorMod(mix(app.hashCode()), appPalette.size()));
    }

    /**
     * MurmurHash3's finalizer. String.hashCode is fixed by the JLS, so colors stay the same across
     * runs, but its low bits are weak (modulo 3 or 10 it is nearly the sum of the chars); this spreads them.
     */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    /** How to draw an app's name: its {@link #appColor} on the background, with the text role's attributes. */
    public Style appStyle(String app) {
        return style(Role.TEXT).withForeground(appColor(app));
    }

    public Theme withName(String newName) {
        return new Theme(newName, paints, appPalette);
    }

    public Theme with(Role role, Paint paint) {
        Map<Role, Paint> copy = new EnumMap<>(paints);
        copy.put(role, Objects.requireNonNull(paint, "paint"));
        return new Theme(name, copy, appPalette);
    }

    public Theme withAppPalette(List<Color> palette) {
        return new Theme(name, paints, palette);
    }

    /** This theme with every color replaced by the nearest one {@code depth} can show. */
    public Theme reducedTo(ColorDepth depth) {
        Map<Role, Paint> fitted = new EnumMap<>(Role.class);
        paints.forEach((role, paint) -> fitted.put(role, paint.withColor(depth.fit(paint.color()))));
        List<Color> palette = new ArrayList<>(appPalette.size());
        for (Color c : appPalette) palette.add(depth.fit(c));
        return new Theme(name, fitted, palette);
    }
}
