package io.jpm.tui.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpm.tui.render.Sparkline.Glyphs;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SparklineTest {

    private static final Sparkline BLOCK = Sparkline.of(Glyphs.BLOCK);
    private static final Sparkline ASCII = Sparkline.of(Glyphs.ASCII);
    private static final Sparkline BRAILLE = Sparkline.of(Glyphs.BRAILLE);

    /** A braille cell from dot numbers 1-8. */
    private static char dots(int... numbers) {
        int[] bit = {0, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
        int c = 0x2800;
        for (int n : numbers) c |= bit[n];
        return (char) c;
    }

    @Test
    void blockDrawsEightLevelsAgainstAnExplicitMax() {
        double[] ramp = {0, 100.0 / 7, 200.0 / 7, 300.0 / 7, 400.0 / 7, 500.0 / 7, 600.0 / 7, 100};
        assertEquals("▁▂▃▄▅▆▇█", BLOCK.withMax(100).render(ramp, 8));
    }

    @Test
    void blockAutoScalesToTheLargestSampleShown() {
        assertEquals("▁▅█", BLOCK.render(new double[] {0, 5, 10}, 3));
        assertEquals("▁▅█", BLOCK.render(new double[] {0, 0.5, 1}, 3));
        // 1000 scrolled out of view, so 10 is the top
        assertEquals("▁▅█", BLOCK.render(new double[] {1000, 0, 5, 10}, 3));
    }

    @Test
    void explicitMaxKeepsSmallValuesLowAndClampsLargeOnes() {
        assertEquals("▁▁█", BLOCK.withMax(100).render(new double[] {0, 5, 250}, 3));
        assertEquals("▁▁", BLOCK.withMax(100).render(new double[] {-20, 0}, 2));
    }

    @Test
    void newestSampleIsAtTheRightAndShortSeriesPadLeft() {
        assertEquals("   ▁█", BLOCK.render(new double[] {0, 1}, 5));
        assertEquals("█▁", BLOCK.withMax(1).render(new double[] {0, 0, 0, 1, 0}, 2));
    }

    @Test
    void asciiUsesNineLevelsWithADotForZero() {
        double[] ramp = new double[9];
        for (int i = 0; i < 9; i++) ramp[i] = i;
        assertEquals(".:-=+*#%@", ASCII.render(ramp, 9));
        assertEquals("  .@", ASCII.render(new double[] {0, 8}, 4));
    }

    @Test
    void brailleDrawsTwoSamplesPerCellAsBarsFromTheBottom() {
        // left column dots 7,3,2,1 bottom-up; right column 8,6,5,4
        assertEquals(String.valueOf(dots(7, 8)), BRAILLE.withMax(3).render(new double[] {0, 0}, 1));
        assertEquals(String.valueOf(dots(7, 3, 2, 1, 8)), BRAILLE.withMax(3).render(new double[] {3, 0}, 1));
        assertEquals(String.valueOf(dots(7, 8, 6, 5, 4)), BRAILLE.withMax(3).render(new double[] {0, 3}, 1));
        assertEquals(
                "" + dots(7, 3, 8) + dots(7, 3, 2, 8, 6, 5, 4),
                BRAILLE.withMax(3).render(new double[] {1, 0, 2, 3}, 2));
    }

    @Test
    void brailleOddSeriesFillsOnlyTheRightHalfOfTheFirstCell() {
        assertEquals(" " + dots(8, 6, 5, 4) + dots(7, 8), BRAILLE.render(new double[] {1, 0, 0}, 3));
    }

    @Test
    void emptySeriesIsAllBlank() {
        for (Glyphs g : Glyphs.values()) assertEquals("    ", Sparkline.of(g).render(new double[0], 4), g.name());
    }

    @Test
    void allZerosDrawTheBaseline() {
        double[] zeros = new double[6];
        assertEquals("▁▁▁", BLOCK.render(zeros, 3));
        assertEquals("...", ASCII.render(zeros, 3));
        assertEquals("" + dots(7, 8) + dots(7, 8) + dots(7, 8), BRAILLE.render(zeros, 3));
    }

    @Test
    void widthZeroIsEmptyAndWidthOneShowsTheNewest() {
        for (Glyphs g : Glyphs.values()) assertEquals("", Sparkline.of(g).render(new double[] {1, 2, 3}, 0));
        assertEquals("█", BLOCK.withMax(3).render(new double[] {0, 1, 3}, 1));
        assertEquals(".", ASCII.withMax(3).render(new double[] {3, 3, 0}, 1));
    }

    @Test
    void negativeWidthIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> BLOCK.render(new double[] {1}, -1));
        assertEquals("width < 0: -1", e.getMessage());
    }

    @Test
    void nanIsAGapAndDoesNotAffectScaling() {
        assertEquals("▁ █", BLOCK.render(new double[] {0, Double.NaN, 4}, 3));
        assertEquals(". @", ASCII.render(new double[] {0, Double.NaN, 4}, 3));
        assertEquals(" " + dots(8, 6, 5, 4), BRAILLE.render(new double[] {Double.NaN, Double.NaN, Double.NaN, 2}, 2));
        assertEquals("   ", BLOCK.render(new double[] {Double.NaN, Double.NaN, Double.NaN}, 3));
    }

    @Test
    void infinitiesClampAndDoNotBreakAutoScale() {
        assertEquals("▁▅██", BLOCK.render(new double[] {0, 1, 2, Double.POSITIVE_INFINITY}, 4));
        assertEquals("▁█", BLOCK.render(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, 2));
    }

    @Test
    void outputIsAlwaysExactlyTheWidth() {
        double[] series = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        for (Glyphs g : Glyphs.values()) {
            for (int w = 0; w < 15; w++)
                assertEquals(w, Sparkline.of(g).render(series, w).length(), g + " width " + w);
        }
    }

    @Test
    void maxMustBePositiveAndFinite() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> BLOCK.withMax(bad));
            assertEquals("max not > 0 and finite: " + bad, e.getMessage());
        }
    }

    @Test
    void withMethodsReturnNewValuesAndLeaveTheOriginal() {
        Sparkline capped = BLOCK.withMax(100);
        assertEquals(OptionalDouble.of(100), capped.max());
        assertEquals(OptionalDouble.empty(), BLOCK.max());
        assertEquals(OptionalDouble.empty(), capped.autoScaled().max());
        assertEquals(Glyphs.ASCII, capped.withGlyphs(Glyphs.ASCII).glyphs());
        assertEquals(OptionalDouble.of(100), capped.withGlyphs(Glyphs.ASCII).max());
        assertEquals(Glyphs.BLOCK, capped.glyphs());
    }

    @Test
    void samplesPerCellTellsHowManySamplesFillALine() {
        assertEquals(2, Glyphs.BRAILLE.samplesPerCell());
        assertEquals(1, Glyphs.BLOCK.samplesPerCell());
        assertEquals(1, Glyphs.ASCII.samplesPerCell());
    }
}
