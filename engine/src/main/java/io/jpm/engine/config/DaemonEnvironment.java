package io.jpm.engine.config;

import java.util.Map;

/**
 * What the daemon takes from the environment it was started in (a client that starts it passes on its own), read
 * once at start-up, as PM2's {@code constants.js} reads its daemon's: {@code PM2_KILL_USE_MESSAGE}, which makes every
 * stop of an app that has node's IPC channel send the {@code 'shutdown'} message instead of the kill signal, as if
 * each app said {@code shutdown_with_message: true}. PM2 tests the variable with JavaScript's truthiness, so any
 * non-empty value turns it on ({@code "false"} and {@code "0"} too); so does jpm.
 */
public record DaemonEnvironment(boolean killUseMessage) {
    public static final String KILL_USE_MESSAGE = "PM2_KILL_USE_MESSAGE";

    /** Nothing set: each app's own settings decide. */
    public static final DaemonEnvironment NONE = new DaemonEnvironment(false);

    public static DaemonEnvironment of(Map<String, String> env) {
        String useMessage = env.get(KILL_USE_MESSAGE);
        return new DaemonEnvironment(useMessage != null && !useMessage.isEmpty());
    }
}
