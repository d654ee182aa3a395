package io.jpm.themes.internal;

/**
 * The xterm 256-color palette and nearest-color search in it.
 *
 * <p>Entries 0-15 are the ANSI colors with xterm's default shades (terminals restyle these freely,
 * so RGB is never matched to them when 256 colors are available); 16-231 are a 6x6x6 cube with
 * levels 0, 95, 135, 175, 215, 255; 232-255 are grays 8, 18, … 238. Distances use the "redmean"
 * weighting, a cheap approximation of perceived difference that beats plain RGB distance on
 * saturated colors.
 */
public final class XtermPalette {

    private static final int[] CUBE = {0, 95, 135, 175, 215, 255};
    private static final int[] ANSI = {
        0x000000, 0x800000, 0x008000, 0x808000, 0x000080, 0x800080, 0x008080, 0xc0c0c0,
        0x808080, 0xff0000, 0x00ff00, 0xffff00, 0x0000ff, 0xff00ff, 0x00ffff, 0xffffff,
    };

    private XtermPalette() {}

    /** The RGB value ({@code 0xrrggbb}) of palette entry {@code index}. */
    public static int rgb(int index) {
        if (index < 0 || index > 255) throw new IllegalArgumentException("color index not in 0-255: " + index);
        if (index < 16) return ANSI[index];
        if (index < 232) {
            int i = index - 16;
            return (CUBE[i / 36] << 16) | (CUBE[(i / 6) % 6] << 8) | CUBE[i % 6];
        }
        int gray = 8 + 10 * (index - 232);
        return (gray << 16) | (gray << 8) | gray;
    }

    /** The index, 16-255, of the cube or gray entry nearest to the RGB color. */
    public static int nearest256(int r, int g, int b) {
        int best = 16;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 16; i < 256; i++) {
            long d = distance(r, g, b, rgb(i));
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** The index, 0-15, of the ANSI color nearest to the RGB color. */
    public static int nearest16(int r, int g, int b) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < 16; i++) {
            long d = distance(r, g, b, ANSI[i]);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    /** Squared "redmean" distance, scaled by 256 to stay in integers. */
    static long distance(int r, int g, int b, int rgb) {
        int r2 = rgb >> 16;
        int g2 = (rgb >> 8) & 0xff;
        int b2 = rgb & 0xff;
        long rmean = (r + r2) / 2;
        long dr = r - r2;
        long dg = g - g2;
        long db = b - b2;
        return ((512 + rmean) * dr * dr) + 1024 * dg * dg + ((767 - rmean) * db * db);
    }
}
