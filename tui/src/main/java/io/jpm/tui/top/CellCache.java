package io.jpm.tui.top;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.jpm.themes.Style;
import io.jpm.tui.render.LanternaColors;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lanterna cells made once per (style, character) and shared by every frame, so that drawing a row of plain text
 * is a store per column.
 *
 * <p>Why: Lanterna's {@code putString} splits the string into graphemes, makes a new cell per column and asks each
 * whether it is double width (a search of the Unicode blocks), and the screen's delta refresh asks again and compares
 * every cell field by field; under a log flood that was half of the console's CPU. A cached cell knows its width
 * from the start, and an unchanged cell is the same object in the front and back buffers, so the refresh compares
 * references. Text with anything else (controls, surrogates, double-width or combining characters) is not a plain
 * row: the caller draws it the old way. Owned by the UI thread.
 */
final class CellCache {
    /** Non-ASCII characters cached per style at most (log lines may carry any text). */
    private static final int MAX_OTHER = 1024;

    private final LanternaColors colors;
    private final Map<Style, Cells> byStyle = new HashMap<>();

    CellCache(LanternaColors colors) {
        this.colors = Objects.requireNonNull(colors, "colors");
    }

    LanternaColors colors() {
        return colors;
    }

    /**
     * Draws {@code s} at a position in exactly {@code width} columns, padded with spaces, or cut with {@code ellipsis}
     * as its last column; returns false, having drawn nothing, when {@code s} is not plain single-width text.
     */
    boolean text(TextGraphics g, int col, int row, int width, String s, char ellipsis, Style style) {
        Cells cells = cells(style);
        boolean cut = s.length() > width;
        int shown = cut ? width - 1 : s.length();
        for (int i = 0; i < shown; i++) {
            if (cells.of(s.charAt(i)) == null) return false;
        }
        TextCharacter dots = cut ? cells.of(ellipsis) : null;
        if (cut && dots == null) return false;
        for (int i = 0; i < shown; i++) g.setCharacter(col + i, row, cells.of(s.charAt(i)));
        if (cut) g.setCharacter(col + shown, row, dots);
        TextCharacter blank = cells.of(' ');
        for (int i = cut ? width : shown; i < width; i++) g.setCharacter(col + i, row, blank);
        return true;
    }

    /** Paints an area with spaces in {@code style}. */
    void fill(TextGraphics g, int col, int row, int width, int height, Style style) {
        TextCharacter blank = cells(style).of(' ');
        for (int r = row; r < row + height; r++) {
            for (int c = col; c < col + width; c++) g.setCharacter(c, r, blank);
        }
    }

    private Cells cells(Style style) {
        Cells c = byStyle.get(style);
        if (c == null) {
            c = new Cells(
                    LanternaColors.toTextColor(style.foreground(), colors.depth()),
                    LanternaColors.toTextColor(style.background(), colors.depth()),
                    LanternaColors.toSgr(style.attributes()));
            byStyle.put(style, c);
        }
        return c;
    }

    /** The cells of one style: printable ASCII in an array, other characters in a bounded map. */
    private static final class Cells {
        private final TextColor fg;
        private final TextColor bg;
        private final EnumSet<SGR> sgr;
        private final Cell[] ascii = new Cell[128];
        private final Map<Character, Cell> other = new HashMap<>();

        Cells(TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
            this.fg = fg;
            this.bg = bg;
            this.sgr = sgr;
        }

        /** The cell for {@code c}, or null if {@code c} is not a plain single-width character. */
        Cell of(char c) {
            if (c < 128) {
                if (c < 0x20 || c == 0x7f) return null;
                Cell cell = ascii[c];
                if (cell == null) ascii[c] = cell = new Cell(c, fg, bg, sgr);
                return cell;
            }
            Cell cell = other.get(c);
            if (cell == null) {
                if (Character.isSurrogate(c) || Character.isISOControl(c) || !plainType(c)) return null;
                cell = new Cell(c, fg, bg, sgr);
                if (cell.isDoubleWidth()) return null;
                if (other.size() < MAX_OTHER) other.put(c, cell);
            }
            return cell;
        }

        /** Letters, digits, punctuation and symbols; not combining marks, formats or unassigned code points. */
        private static boolean plainType(char c) {
            return switch (Character.getType(c)) {
                case Character.NON_SPACING_MARK,
                        Character.ENCLOSING_MARK,
                        Character.COMBINING_SPACING_MARK,
                        Character.FORMAT,
                        Character.UNASSIGNED,
                        Character.PRIVATE_USE,
                        Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR -> false;
                default -> true;
            };
        }
    }

    /** A cell whose width is known once; equal cells made here are one object. */
    private static final class Cell extends TextCharacter {
        private final boolean wide;

        @SuppressWarnings("deprecation") // the public constructor; the factory methods return arrays
        Cell(char c, TextColor fg, TextColor bg, EnumSet<SGR> sgr) {
            super(c, fg, bg, sgr);
            this.wide = super.isDoubleWidth();
        }

        @Override
        public boolean isDoubleWidth() {
            return wide;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || super.equals(o);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
