package io.jpm.tui.top;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.jpm.themes.Role;
import io.jpm.themes.Style;
import io.jpm.tui.render.LanternaColors;
import io.jpm.tui.render.Sparkline;

/** Draws clipped, padded text and boxes in theme roles on one frame. */
final class Painter {
    final TextGraphics g;
    final LanternaColors colors;
    private final CellCache cells;
    final boolean ascii;
    final int width;
    final int height;

    Painter(TextGraphics g, CellCache cells, boolean ascii) {
        this.g = g;
        this.cells = cells;
        this.colors = cells.colors();
        this.ascii = ascii;
        TerminalSize size = g.getSize();
        this.width = size.getColumns();
        this.height = size.getRows();
    }

    /** {@code s} cut or padded to exactly {@code width} columns; a cut ends in an ellipsis. */
    String fit(String s, int width) {
        if (width <= 0) return "";
        if (s.length() > width) return s.substring(0, width - 1) + (ascii ? "~" : "…");
        return s.length() == width ? s : s + " ".repeat(width - s.length());
    }

    /** {@code s} right-aligned in {@code width} columns. */
    String right(String s, int width) {
        return s.length() >= width ? fit(s, width) : " ".repeat(width - s.length()) + s;
    }

    /** Draws {@code s} at a position, padded or cut to {@code width}; returns the column after it. */
    int text(int col, int row, int width, String s, Role role) {
        return text(col, row, width, s, colors.theme().style(role));
    }

    int text(int col, int row, int width, String s, Style style) {
        if (row < 0 || row >= height || col >= width() || width <= 0) return col + Math.max(0, width);
        int w = Math.min(width, width() - col);
        if (!cells.text(g, col, row, w, s, ascii ? '~' : '…', style)) {
            colors.apply(g, style); // not plain text: Lanterna's own path, which handles any character
            g.putString(col, row, fit(s, w));
        }
        return col + width;
    }

    private int width() {
        return width;
    }

    /** Paints a whole area in a role's background. */
    void fill(int col, int row, int w, int h, Role role) {
        if (w <= 0 || h <= 0) return;
        cells.fill(
                g,
                col,
                row,
                Math.min(w, width - col),
                Math.min(h, height - row),
                colors.theme().style(role));
    }

    /** A box with a title in its top border; its inside is cleared. */
    void box(int col, int row, int w, int h, String title) {
        fill(col, row, w, h, Role.BACKGROUND);
        String h1 = ascii ? "-" : "─";
        String v = ascii ? "|" : "│";
        String tl = ascii ? "+" : "┌";
        String tr = ascii ? "+" : "┐";
        String bl = ascii ? "+" : "└";
        String br = ascii ? "+" : "┘";
        Style border = colors.theme().style(Role.BORDER);
        text(col, row, w, tl + h1.repeat(Math.max(0, w - 2)) + tr, border);
        for (int r = row + 1; r < row + h - 1; r++) {
            text(col, r, 1, v, border);
            text(col + w - 1, r, 1, v, border);
        }
        text(col, row + h - 1, w, bl + h1.repeat(Math.max(0, w - 2)) + br, border);
        if (!title.isEmpty() && w > 6)
            text(col + 2, row, Math.min(title.length() + 2, w - 4), " " + title + " ", Role.HEADER);
    }

    /** Braille sparklines, or ASCII ones with {@code --ascii}. */
    Sparkline.Glyphs glyphs() {
        return ascii ? Sparkline.Glyphs.ASCII : Sparkline.Glyphs.BRAILLE;
    }

    String rule() {
        return ascii ? "-" : "─";
    }
}
