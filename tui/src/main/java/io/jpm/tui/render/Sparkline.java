package io.jpm.tui.render;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Draws a series of samples as a one-line graph of a fixed width, newest sample at the right.
 *
 * <p>Each sample becomes a level from the lowest glyph (zero) to the highest (the max): an explicit
 * max such as 100 for CPU%, or by default the largest sample shown. Values above the max draw as
 * the max, negative ones as zero, and NaN as a gap (blank), the same blank that pads a short series
 * on the left. So zero still shows a baseline and "no data" does not.
 */
public final class Sparkline {

    /** The glyph set, from most to least detailed. */
    public enum Glyphs {
        /** Braille dots (U+2800 block): two samples per cell, four levels each. */
        BRAILLE(2, 4),
        /** Eighth blocks {@code ▁▂▃▄▅▆▇█}: one sample per cell, eight levels. */
        BLOCK(1, 8),
        /** Plain ASCII {@code .:-=+*#%@} for terminals without Unicode: one sample per cell, nine levels. */
        ASCII(1, 9);

        private final int samplesPerCell;
        private final int levels;

        Glyphs(int samplesPerCell, int levels) {
            this.samplesPerCell = samplesPerCell;
            this.levels = levels;
        }

        /** How many samples one character cell shows; keep {@code width * samplesPerCell()} samples to fill a line. */
        public int samplesPerCell() {
            return samplesPerCell;
        }

        public int levels() {
            return levels;
        }
    }

    private static final String BLOCKS = "▁▂▃▄▅▆▇█";
    private static final String ASCII_LEVELS = ".:-=+*#%@";
    private static final char BRAILLE_BLANK = '\u2800';
    /** Dot bits of a braille cell's left and right columns, bottom row first. */
    private static final int[] LEFT_DOTS = {0x40, 0x04, 0x02, 0x01};

    private static final int[] RIGHT_DOTS = {0x80, 0x20, 0x10, 0x08};
    private static final int GAP = -1;

    private final Glyphs glyphs;
    private final double max; // NaN = scale to the largest sample shown

    private Sparkline(Glyphs glyphs, double max) {
        this.glyphs = Objects.requireNonNull(glyphs, "glyphs");
        this.max = max;
    }

    /** A sparkline scaled to the largest sample it shows. */
    public static Sparkline of(Glyphs glyphs) {
        return new Sparkline(glyphs, Double.NaN);
    }

    /** This sparkline with a fixed top, such as 100 for percentages. */
    public Sparkline withMax(double newMax) {
        if (!(newMax > 0) || Double.isInfinite(newMax))
            throw new IllegalArgumentException("max not > 0 and finite: " + newMax);
        return new Sparkline(glyphs, newMax);
    }

    public Sparkline autoScaled() {
        return new Sparkline(glyphs, Double.NaN);
    }

    public Sparkline withGlyphs(Glyphs newGlyphs) {
        return new Sparkline(newGlyphs, max);
    }

    public Glyphs glyphs() {
        return glyphs;
    }

    /** The fixed max, or empty when auto-scaled. */
    public OptionalDouble max() {
        return Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    /**
     * The last samples that fit, as exactly {@code width} characters.
     *
     * @param samples oldest first
     */
    public String render(double[] samples, int width) {
        Objects.requireNonNull(samples, "samples");
        if (width < 0) throw new IllegalArgumentException("width < 0: " + width);
        int slots = width * glyphs.samplesPerCell;
        double[] window = new double[slots];
        Arrays.fill(window, Double.NaN);
        int shown = Math.min(slots, samples.length);
        System.arraycopy(samples, samples.length - shown, window, slots - shown, shown);

        int[] levels = levels(window, Double.isNaN(max) ? largestFinite(window) : max);
        StringBuilder out = new StringBuilder(width);
        for (int cell = 0; cell < width; cell++) {
            out.append(
                    switch (glyphs) {
                        case BLOCK -> levels[cell] == GAP ? ' ' : BLOCKS.charAt(levels[cell]);
                        case ASCII -> levels[cell] == GAP ? ' ' : ASCII_LEVELS.charAt(levels[cell]);
                        case BRAILLE -> braille(levels[2 * cell], levels[2 * cell + 1]);
                    });
        }
        return out.toString();
    }

    private int[] levels(double[] window, double top) {
        int highest = glyphs.levels - 1;
        int[] levels = new int[window.length];
        for (int i = 0; i < window.length; i++) {
            double v = window[i];
            if (Double.isNaN(v)) levels[i] = GAP;
            else if (v == Double.POSITIVE_INFINITY) levels[i] = highest;
            else if (top <= 0) levels[i] = 0; // nothing above zero in view: all at the baseline
            else levels[i] = (int) Math.round(Math.max(0, Math.min(1, v / top)) * highest);
        }
        return levels;
    }

    private static double largestFinite(double[] window) {
        double top = 0;
        for (double v : window) {
            if (Double.isFinite(v) && v > top) top = v;
        }
        return top;
    }

    private static char braille(int left, int right) {
        if (left == GAP && right == GAP) return ' ';
        return (char) (BRAILLE_BLANK | column(LEFT_DOTS, left) | column(RIGHT_DOTS, right));
    }

    /** A bar {@code level + 1} dots high in one column, or none for a gap. */
    private static int column(int[] dots, int level) {
        int bits = 0;
        for (int row = 0; row <= level; row++) bits |= dots[row];
        return bits;
    }
}
