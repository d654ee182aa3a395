package io.jpm.ipc;

/** The PUB topics. Subscribers match them by prefix, so {@code "log."} gets every app's logs. */
public final class Topics {
    public static final String STATS = "stats";
    public static final String EVENT_PREFIX = "event.";
    public static final String LOG_PREFIX = "log.";
    /** The daemon's answers to {@code hello} commands: {@code hello.<token>}. */
    public static final String HELLO_PREFIX = "hello.";

    private Topics() {}

    public static String event(String app) {
        return EVENT_PREFIX + app;
    }

    public static String log(String app, String stream) {
        return LOG_PREFIX + app + "." + stream;
    }
}
