package io.jpm.tui.top;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console's main loop.
 *
 * <p>Threading: one UI thread (the caller of {@link #run}) owns the state and the screen. Keys (read on
 * {@code jpm-top-keys}), resizes and everything from the daemon arrive through one queue. The loop takes all that
 * is queued, then draws at most one frame: at once after a key, else at most {@value #FPS} frames a second (half
 * that while logs scroll half the log pane by between two frames), and once a second when nothing happens (uptimes move). So a log flood is coalesced
 * into one frame per interval and a key never waits behind it. The terminal is restored on quit, on an exception and, through a shutdown hook, on
 * SIGINT/SIGTERM.
 */
public final class TopApp {
    static final int FPS = 10;
    private static final long FRAME_NS = TimeUnit.SECONDS.toNanos(1) / FPS;
    private static final long IDLE_MS = 1_000;

    private static final int MAX_DRAIN = 20_000;

    private final LinkedBlockingQueue<Input> queue = new LinkedBlockingQueue<>();
    private final Screen screen;
    private final TopState state;
    private final TopRenderer renderer;
    private final AtomicBoolean restored = new AtomicBoolean();
    /**
     * Whether a thread reads keys from the screen. Tests on Lanterna's virtual terminal post keys instead: its
     * blocking {@code readInput} holds the terminal's lock, so nothing could be drawn meanwhile.
     */
    private boolean readKeys = true;

    TopApp(Screen screen, TopState state, TopRenderer renderer) {
        this.screen = Objects.requireNonNull(screen, "screen");
        this.state = Objects.requireNonNull(state, "state");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    TopApp withoutKeyReader() {
        readKeys = false;
        return this;
    }

    /** Queues an input for the UI thread; any thread may call it. */
    public void post(Input input) {
        queue.add(input);
    }

    /** Runs until the user quits, or the terminal's input ends; the terminal is restored before it returns. */
    public void run(CommandSink sink) throws IOException {
        TopController controller = new TopController(state, sink);
        Thread hook = new Thread(this::restore, "jpm-top-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            screen.startScreen();
            screen.setCursorPosition(null);
            if (screen instanceof TerminalScreen ts) {
                ts.getTerminal().addResizeListener((t, size) -> post(new Input.Resized()));
            }
            if (readKeys) startKeyReader();
            loop(controller);
        } finally {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private void loop(TopController controller) throws IOException {
        boolean dirty = true;
        boolean now = true;
        long lastFrame = System.nanoTime() - FRAME_NS;
        long frameNs = FRAME_NS;
        long appendedAtFrame = state.logs.appended();
        while (true) {
            long wait = dirty ? Math.max(0, lastFrame + frameNs - System.nanoTime()) : IDLE_MS * 1_000_000;
            Input first;
            try {
                first = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null && !dirty) first = new Input.Tick();
            Input in = first;
            int drained = 0;
            while (in != null) {
                TopController.Outcome o = controller.handle(in, System.nanoTime());
                switch (o) {
                    case QUIT -> {
                        return;
                    }
                    case REDRAW_NOW -> {
                        dirty = true;
                        now = true;
                    }
                    case REDRAW -> dirty = true;
                    case NONE -> {}
                }
                in = ++drained < MAX_DRAIN ? queue.poll() : null;
            }
            long t = System.nanoTime();
            if (dirty && (now || t - lastFrame >= frameNs)) {
                draw(t);
                lastFrame = t;
                // lines that scroll half the log pane by between two frames cannot be read: draw half as often
                long scrolled = state.logs.appended() - appendedAtFrame;
                frameNs = scrolled >= Math.max(1, state.logPaneRows / 2) ? 2 * FRAME_NS : FRAME_NS;
                appendedAtFrame = state.logs.appended();
                dirty = false;
                now = false;
            }
        }
    }

    private void draw(long nowNanos) throws IOException {
        TerminalSize resized = screen.doResizeIfNecessary();
        renderer.render(screen.newTextGraphics(), state, nowNanos);
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    private void startKeyReader() {
        Thread keys = new Thread(
                () -> {
                    try {
                        while (!restored.get()) {
                            KeyStroke k = screen.readInput();
                            if (k == null) continue;
                            post(new Input.Key(k));
                            if (k.getKeyType() == KeyType.EOF) return;
                        }
                    } catch (IOException | RuntimeException e) {
                        if (!restored.get()) post(new Input.Key(new KeyStroke(KeyType.EOF)));
                    }
                },
                "jpm-top-keys");
        keys.setDaemon(true);
        keys.start();
    }

    /** Leaves the alternate screen and restores the terminal's modes; runs once, from whichever path gets here. */
    void restore() {
        if (!restored.compareAndSet(false, true)) return;
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException e) {
            // the terminal is gone: nothing left to restore
        }
    }
}
