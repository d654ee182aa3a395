package io.jpm.tui.top;

import picocli.CommandLine.Option;

/** The options of {@code jpm-top} and {@code jpm monit}, shared as a picocli mixin. */
public final class TopOptions {
    static final int MIN_SCROLLBACK = 100;
    static final int MAX_SCROLLBACK = 1_000_000;

    @Option(
            names = "--theme",
            paramLabel = "NAME",
            description = "dark (default), light, solarized-dark, high-contrast, monochrome, or a theme in "
                    + "JPM_HOME/themes; 't' cycles them.")
    String theme;

    @Option(
            names = "--scrollback",
            paramLabel = "LINES",
            description = "Log lines kept for scrolling back (default ${DEFAULT-VALUE}).")
    int scrollback = 5_000;

    @Option(names = "--ascii", description = "Draw with ASCII only (also the default when the locale is not UTF-8).")
    boolean ascii;

    @Option(
            names = "--hosts",
            paramLabel = "all|NAME,…",
            description = "One grid over these hosts' daemons (see jpm hosts), with a host column; 'H' shows one host.")
    String hosts;

    public String hosts() {
        return hosts;
    }

    public String theme() {
        return theme;
    }

    public int scrollback() {
        return scrollback;
    }

    public boolean ascii() {
        return ascii;
    }
}
