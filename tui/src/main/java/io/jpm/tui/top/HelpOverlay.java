package io.jpm.tui.top;

import io.jpm.themes.Role;

/** The {@code ?} overlay: every key and what it does, from {@link Action}. Any key closes it. */
final class HelpOverlay {
    private HelpOverlay() {}

    static void draw(Painter p) {
        Action[] actions = Action.values();
        int w = Math.min(p.width, 72);
        int h = Math.min(p.height, actions.length + 4);
        int col = (p.width - w) / 2;
        int row = Math.max(0, (p.height - h) / 2);
        p.box(col, row, w, h, "jpm-top keys");
        int shown = Math.min(actions.length, h - 4);
        for (int i = 0; i < shown; i++) {
            Action a = actions[i];
            int c = p.text(col + 2, row + 1 + i, 8, a.keys(), Role.HEADER);
            p.text(c, row + 1 + i, w - 11, a.description(), Role.TEXT);
        }
        String more = shown < actions.length ? "(" + (actions.length - shown) + " more: enlarge the terminal) " : "";
        p.text(col + 2, row + h - 2, w - 4, more + "any key closes this help", Role.MUTED);
    }
}
