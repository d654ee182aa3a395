package io.jpm.tui.top;

/** Where the console sends commands; the answer comes back later as an {@link Input.Done}. Never blocks. */
@FunctionalInterface
public interface CommandSink {
    void submit(Command command);
}
