package io.jpm.themes;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a theme gives one role: a color and the attributes drawn with it. */
public record Paint(Color color, Set<Attribute> attributes) {

    public Paint {
        Objects.requireNonNull(color, "color");
        attributes = Set.copyOf(attributes);
    }

    public static Paint of(Color color, Attribute... attributes) {
        Set<Attribute> set = EnumSet.noneOf(Attribute.class);
        set.addAll(List.of(attributes));
        return new Paint(color, set);
    }

    public Paint withColor(Color newColor) {
        return new Paint(newColor, attributes);
    }
}
