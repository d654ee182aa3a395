package io.jpm.ipc;

/** The PUB topics. Subscribers match them by prefix, so {@code "log."} gets every app's logs. */
public final class Topics {
    public static final String STATS = "stats";
    public static final String EVENT_PREFIX = "event.";
    public static final String LOG_PREFIX = "log.";
    /** The daemon's answers to {@code hello} commands: {@code hello.<token>}. */
    public static final String HELLO_PREFIX = "hello.";
    /**
     * The display-rate copy of the log stream, for consoles: {@code view.log.<app>.<stream>} carries at most what a
     * screen can show per interval, and {@code view.skipped} how many lines were left out. {@code jpm logs} reads
     * the full {@code log.} stream.
     */
    public static final String VIEW_PREFIX = "view.";

    public static final String VIEW_SKIPPED = "view.skipped";

    private Topics() {}

    public static String event(String app) {
        return EVENT_PREFIX + app;
    }

    /** The display-rate topic of a {@code log.} topic. */
    public static String view(String logTopic) {
        return VIEW_PREFIX + logTopic;
    }

    public static String log(String app, String stream) {
        return LOG_PREFIX + app + "." + stream;
    }
}
