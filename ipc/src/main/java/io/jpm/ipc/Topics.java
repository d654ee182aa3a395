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
     * screen can show per interval, and {@code view.skipped} how many lines were left out. A console whose pane shows
     * n hosts subscribes to the share {@code view<n>.} instead ({@link #viewPrefix}), which carries an n-th of that (the same
     * screenful in a window n times as long).
     * {@code jpm logs} reads the full {@code log.} stream.
     */
    public static final String VIEW_PREFIX = "view.";

    /**
     * The console's copy of {@code stats}: only what jpm-top draws, each worker as a JSON array ({@code
     * ConsoleStats}). Every console subscribes to it by name, whatever its share of the log stream.
     */
    public static final String VIEW_STATS = "view.stats";

    /** The smallest share of a screenful a console can ask each host for: {@code view4.}. */
    public static final int MAX_VIEW_SHARE = 4;

    private static final String SKIPPED = "skipped";

    private Topics() {}

    public static String event(String app) {
        return EVENT_PREFIX + app;
    }

    /** The prefix of the display-rate stream that carries a {@code share}-th of a screenful: {@code view.}, {@code view2.}… */
    public static String viewPrefix(int share) {
        if (share < 1 || share > MAX_VIEW_SHARE)
            throw new IllegalArgumentException("view share not in 1.." + MAX_VIEW_SHARE + ": " + share);
        return share == 1 ? VIEW_PREFIX : "view" + share + ".";
    }

    /** The display-rate topic of a {@code log.} topic, in the stream of a {@code share}-th of a screenful. */
    public static String view(String logTopic, int share) {
        return viewPrefix(share) + logTopic;
    }

    /** The topic that counts the lines a display-rate stream left out. */
    public static String viewSkipped(int share) {
        return viewPrefix(share) + SKIPPED;
    }

    /** Whether {@code topic} counts the lines a display-rate stream left out. */
    public static boolean isViewSkipped(String topic) {
        String rest = unview(topic);
        return SKIPPED.equals(rest);
    }

    /** Whether {@code topic} is a log topic of a display-rate stream. */
    public static boolean isViewLog(String topic) {
        String rest = unview(topic);
        return rest != null && rest.startsWith(LOG_PREFIX);
    }

    /** What follows a display-rate prefix ({@code view.} or {@code view<digits>.}), or null for another topic. */
    private static String unview(String topic) {
        if (!topic.startsWith("view")) return null;
        int dot = topic.indexOf('.');
        if (dot < 0) return null;
        for (int i = "view".length(); i < dot; i++) if (!Character.isDigit(topic.charAt(i))) return null;
        return topic.substring(dot + 1);
    }

    public static String log(String app, String stream) {
        return LOG_PREFIX + app + "." + stream;
    }
}
