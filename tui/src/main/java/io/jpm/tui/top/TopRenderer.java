package io.jpm.tui.top;

import com.googlecode.lanterna.graphics.TextGraphics;
import io.jpm.themes.ColorDepth;
import io.jpm.tui.render.LanternaColors;

/** Draws one whole frame of the console from the state: panes first, then the overlay on top. */
final class TopRenderer {
    private final ColorDepth depth;
    private final boolean ascii;
    /** Cells for the current theme, kept across frames; made again when the theme changes. */
    private CellCache cells;

    TopRenderer(ColorDepth depth, boolean ascii) {
        this.depth = depth;
        this.ascii = ascii;
    }

    void render(TextGraphics g, TopState s, long nowNanos) {
        if (cells == null || cells.colors().theme() != s.theme())
            cells = new CellCache(new LanternaColors(s.theme(), depth));
        Painter p = new Painter(g, cells, ascii);
        // no clearing first: every pane paints each cell it owns, so each cell is set once per frame
        Layout l = Layout.of(p.width, p.height, s.rows.size());
        StatusLine.title(p, s);
        GridView.draw(p, s, l.gridRow(), l.gridRows());
        SparkPane.draw(p, s, l.sparkRow(), l.sparkRows());
        LogPane.draw(p, s, l.logRow(), l.logRows());
        StatusLine.bottom(p, s, l.statusRow(), nowNanos);
        switch (s.overlay) {
            case HELP -> HelpOverlay.draw(p);
            case DETAIL -> DetailView.draw(p, s);
            case CONFIRM -> ConfirmDialog.draw(p, s.confirmQuestion);
            case INPUT, NONE -> {}
        }
    }
}
