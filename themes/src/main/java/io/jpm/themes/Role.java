package io.jpm.themes;

import java.util.Optional;

/** A part of the console that a theme colors; its key is the name used in theme files. */
public enum Role {
    /** Screen background (a background color). */
    BACKGROUND("background"),
    TEXT("text"),
    /** De-emphasized text: hints, units, timestamps. */
    MUTED("muted"),
    HEADER("header"),
    BORDER("border"),
    /** The selected row's background (a background color). */
    SELECTION("selection"),
    /** Text on the selected row. */
    SELECTION_TEXT("selectionText"),
    STATUS_ONLINE("status.online"),
    STATUS_LAUNCHING("status.launching"),
    STATUS_STOPPING("status.stopping"),
    STATUS_STOPPED("status.stopped"),
    STATUS_WAITING_RESTART("status.waiting-restart"),
    STATUS_ERRORED("status.errored"),
    SPARKLINE_CPU("sparkline.cpu"),
    SPARKLINE_MEM("sparkline.mem"),
    LOG_OUT("log.out"),
    LOG_ERR("log.err");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    /** The key in a theme file's {@code colors} object, such as {@code status.online}. */
    public String key() {
        return key;
    }

    /** Whether the role's color paints a background rather than text. */
    public boolean isBackground() {
        return this == BACKGROUND || this == SELECTION;
    }

    public static Optional<Role> byKey(String key) {
        for (Role r : values()) {
            if (r.key.equals(key)) return Optional.of(r);
        }
        return Optional.empty();
    }

    /**
     * The role for a worker status as the wire names it ({@code online}, {@code waiting-restart}, …).
     *
     * @throws IllegalArgumentException for a status that has no role
     */
    public static Role forStatus(String status) {
        return byKey("status." + status)
                .orElseThrow(() -> new IllegalArgumentException("no role for worker status: " + status));
    }
}
