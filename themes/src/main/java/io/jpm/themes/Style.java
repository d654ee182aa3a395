package io.jpm.themes;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Everything needed to draw text in one role: foreground, background and attributes. */
public record Style(Color foreground, Color background, Set<Attribute> attributes) {

    public Style {
        Objects.requireNonNull(foreground, "foreground");
        Objects.requireNonNull(background, "background");
        attributes = Set.copyOf(attributes);
    }

    public Style withForeground(Color color) {
        return new Style(color, background, attributes);
    }

    public Style withBackground(Color color) {
        return new Style(foreground, color, attributes);
    }

    public Style withAttribute(Attribute attribute) {
        Set<Attribute> set = EnumSet.noneOf(Attribute.class);
        set.addAll(attributes);
        set.add(attribute);
        return new Style(foreground, background, set);
    }

    public boolean has(Attribute attribute) {
        return attributes.contains(attribute);
    }
}
