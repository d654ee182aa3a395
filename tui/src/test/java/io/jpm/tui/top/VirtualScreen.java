package io.jpm.tui.top;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.jpm.themes.ColorDepth;
import java.io.IOException;

/** A console state drawn on Lanterna's virtual terminal, read back as text. */
final class VirtualScreen implements AutoCloseable {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    final TopRenderer renderer;

    VirtualScreen(int columns, int rows, ColorDepth depth, boolean ascii) throws IOException {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
        renderer = new TopRenderer(depth, ascii);
    }

    VirtualScreen draw(TopState state) throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        renderer.render(screen.newTextGraphics(), state, System.nanoTime());
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        return this;
    }

    String row(int r) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < terminal.getTerminalSize().getColumns(); c++) {
            b.append(terminal.getCharacter(c, r).getCharacterString());
        }
        return b.toString();
    }

    String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < terminal.getTerminalSize().getRows(); r++)
            b.append(row(r)).append('\n');
        return b.toString();
    }

    TextCharacter at(int column, int row) {
        return terminal.getCharacter(column, row);
    }

    @Override
    public void close() throws IOException {
        screen.stopScreen();
    }
}
