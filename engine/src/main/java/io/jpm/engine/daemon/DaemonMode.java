package io.jpm.engine.daemon;

import java.util.List;

/**
 * How {@code bin/jpm-daemon} was asked to run. Detached (the default) is how clients start it: stdout already on
 * daemon.log, SIGTERM stops every app. {@code --foreground} is how a service manager runs it (systemd's
 * {@code Type=notify}): the daemon points its own output at daemon.log, tells {@code NOTIFY_SOCKET} when it serves
 * and when it stops, and exits with an error if another daemon holds the home. {@code --on-sigterm=keep-apps} makes
 * SIGTERM end the daemon alone, leaving the apps for the next daemon to adopt (the unit's {@code KillMode=process}).
 */
public record DaemonMode(boolean foreground, boolean keepAppsOnSigterm) {
    public static final DaemonMode DETACHED = new DaemonMode(false, false);

    public static final String USAGE = "usage: jpm-daemon [--foreground] [--on-sigterm=stop-apps|keep-apps]";

    /** Reads the launcher's arguments; a bad one fails with a one-line message naming it. */
    public static DaemonMode parse(List<String> args) {
        boolean foreground = false;
        boolean keepApps = false;
        for (String a : args) {
            switch (a) {
                case "--foreground" -> foreground = true;
                case "--on-sigterm=keep-apps" -> keepApps = true;
                case "--on-sigterm=stop-apps" -> keepApps = false;
                default -> throw new IllegalArgumentException("unknown argument: " + a + " (" + USAGE + ")");
            }
        }
        return new DaemonMode(foreground, keepApps);
    }
}
