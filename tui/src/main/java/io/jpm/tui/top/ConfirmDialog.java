package io.jpm.tui.top;

import io.jpm.themes.Role;

/** Asks before a destructive command: y or Enter runs it, any other key cancels. */
final class ConfirmDialog {
    private ConfirmDialog() {}

    static void draw(Painter p, String question) {
        int w = Math.min(p.width, Math.max(40, question.length() + 6));
        int h = 5;
        int col = (p.width - w) / 2;
        int row = Math.max(0, (p.height - h) / 2);
        p.box(col, row, w, h, "confirm");
        p.text(col + 2, row + 1, w - 4, question, Role.TEXT);
        p.text(col + 2, row + 3, w - 4, "y / Enter: yes    n / Esc: no", Role.HEADER);
    }
}
