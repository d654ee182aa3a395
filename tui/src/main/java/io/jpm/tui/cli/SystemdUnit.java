package io.jpm.tui.cli;

import io.jpm.tui.CliException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The systemd unit that runs one user's jpm daemon from boot: {@code Type=notify} (the daemon says {@code READY=1}
 * once it serves, with the saved apps back), restarted on failure, and {@code KillMode=process} with the daemon's
 * {@code --on-sigterm=keep-apps}, so that stopping or restarting the unit never takes the apps down.
 *
 * @param user the account the daemon runs as
 * @param jpmHome that user's JPM_HOME
 * @param daemon the absolute path of {@code bin/jpm-daemon}
 * @param javaHome the JDK the daemon runs on
 * @param path the PATH that apps started at boot see
 */
record SystemdUnit(String user, Path jpmHome, Path daemon, Path javaHome, String path) {
    /** The first line of every unit jpm writes; {@code jpm unstartup} removes only a file that starts with it. */
    static final String MARK = "# Written by `jpm startup`; `jpm unstartup` disables and removes it.";

    static final String FOREGROUND_ARGS = "--foreground --on-sigterm=keep-apps";

    SystemdUnit {
        Objects.requireNonNull(user, "user");
        requireAbsolute(jpmHome, "jpmHome");
        requireAbsolute(daemon, "daemon");
        requireAbsolute(javaHome, "javaHome");
        Objects.requireNonNull(path, "path");
        if (!user.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*[$]?")) throw new CliException("not a user name: " + user);
    }

    /** The default service name for {@code user}, as PM2's {@code pm2-USER}. */
    static String defaultName(String user) {
        return "jpm-" + user;
    }

    /** The unit file's text. */
    String text() {
        return MARK + "\n"
                + "[Unit]\n"
                + "Description=jpm process manager for " + user + "\n"
                + "After=network.target\n"
                + "\n"
                + "[Service]\n"
                + "Type=notify\n"
                + "NotifyAccess=main\n"
                + "User=" + user + "\n"
                + "Environment=" + quote("JPM_HOME=" + jpmHome) + "\n"
                + "Environment=" + quote("JAVA_HOME=" + javaHome) + "\n"
                + "Environment=" + quote("PATH=" + path) + "\n"
                + "ExecStart=" + quote(daemon.toString()).replace("$", "$$") + " " + FOREGROUND_ARGS + "\n"
                + "Restart=on-failure\n"
                + "# stopping the unit ends the daemon alone: the apps keep running and the next daemon adopts them;\n"
                + "# `jpm kill` stops the apps, then the daemon\n"
                + "KillMode=process\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    /**
     * One word of a unit file: specifiers ({@code %}) doubled, and in double quotes with {@code \} and {@code "}
     * escaped when it holds a space, a quote or a backslash.
     */
    static String quote(String word) {
        if (word.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new CliException("a control character cannot go in a unit file: " + word.replace("\n", "\\n"));
        }
        String escaped = word.replace("%", "%%");
        if (escaped.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\' || c == '\'' || c == ';')) return escaped;
        return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void requireAbsolute(Path p, String what) {
        Objects.requireNonNull(p, what);
        if (!p.isAbsolute()) throw new CliException(what + " is not an absolute path: " + p);
    }
}
