package io.jpm.tui.top;

import com.googlecode.lanterna.input.KeyStroke;
import java.util.Optional;

/** Maps a key press in normal mode to its {@link Action}. */
public final class KeyMap {
    private KeyMap() {}

    public static Optional<Action> action(KeyStroke k) {
        Action a =
                switch (k.getKeyType()) {
                    case ArrowUp -> Action.UP;
                    case ArrowDown -> Action.DOWN;
                    case PageUp -> Action.PAGE_UP;
                    case PageDown -> Action.PAGE_DOWN;
                    case End -> Action.FOLLOW;
                    case Enter -> Action.DETAIL;
                    case Tab, ReverseTab -> Action.NEXT_PANE;
                    case Escape -> Action.CANCEL;
                    case EOF -> Action.QUIT;
                    case Character -> character(k);
                    default -> null;
                };
        return Optional.ofNullable(a);
    }

    private static Action character(KeyStroke k) {
        char c = k.getCharacter();
        if (k.isCtrlDown()) return c == 'c' || c == 'C' ? Action.QUIT : null;
        return switch (c) {
            case 'k' -> Action.UP;
            case 'j' -> Action.DOWN;
            case 'r' -> Action.RESTART;
            case 'R' -> Action.RELOAD;
            case 's' -> Action.STOP_START;
            case 'd' -> Action.DELETE;
            case '+', '=' -> Action.SCALE_UP;
            case '-', '_' -> Action.SCALE_DOWN;
            case '/' -> Action.FILTER_PROCESSES;
            case 'f' -> Action.FILTER_LOGS;
            case 'a' -> Action.APP_LOGS;
            case 'H' -> Action.HOST_FILTER;
            case 'p', ' ' -> Action.PAUSE;
            case 'o' -> Action.SORT;
            case 't' -> Action.THEME;
            case '?', 'h' -> Action.HELP;
            case 'q' -> Action.QUIT;
            case '\t' -> Action.NEXT_PANE;
            default -> null;
        };
    }

    /** Whether the key is Ctrl-C, which quits from any mode. */
    public static boolean isInterrupt(KeyStroke k) {
        return k.getKeyType() == com.googlecode.lanterna.input.KeyType.Character
                && k.isCtrlDown()
                && (k.getCharacter() == 'c' || k.getCharacter() == 'C');
    }
}
