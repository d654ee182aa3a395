package io.jpm.tui.cli;

import io.jpm.tui.CliException;
import io.jpm.tui.DaemonConnector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The systemd this machine runs, or, with a root folder (tests), an offline tree that {@code systemctl --root}
 * edits: where units live, whether systemd is the init, and the {@code systemctl} calls.
 */
final class Systemd {
    /** A user account: its name and home folder. */
    record Account(String name, Path home) {}

    /** null for the live system. */
    private final Path root;

    Systemd(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    static void requireSystemd(String init) {
        if (!"systemd".equals(init)) {
            throw new CliException("unknown init system: " + init + " (jpm startup supports systemd only)", 2);
        }
    }

    static String serviceName(String given, String user) {
        String name = given == null ? SystemdUnit.defaultName(user) : given;
        if (name.endsWith(".service")) name = name.substring(0, name.length() - ".service".length());
        if (!name.matches("[A-Za-z0-9:_.\\\\-]+") || name.startsWith("-")) {
            throw new CliException("not a service name: " + name, 2);
        }
        return name;
    }

    /** The account {@code name}, from the system's user database ({@code getent}, else /etc/passwd). */
    static Account account(String name) {
        String entry = passwdEntry(name);
        if (entry == null) throw new CliException("no user " + name + " on this machine");
        String[] fields = entry.split(":", -1);
        if (fields.length < 7 || !fields[5].startsWith("/")) {
            throw new CliException("user " + name + " has no home folder in the user database");
        }
        return new Account(fields[0], Path.of(fields[5]));
    }

    private static String passwdEntry(String name) {
        try {
            Process p = new ProcessBuilder("getent", "passwd", name)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            else if (p.exitValue() == 0 && !out.isEmpty())
                return out.lines().findFirst().orElse(null);
            else if (p.exitValue() == 2) return null; // getent: not found
        } catch (IOException e) {
            // no getent: read the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream()
                    .filter(l -> l.startsWith(name + ":"))
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new CliException("cannot read /etc/passwd: " + e.getMessage());
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** bin/jpm, next to bin/jpm-daemon. */
    static Path jpmScript() {
        return DaemonConnector.daemonScript().toAbsolutePath().normalize().resolveSibling("jpm");
    }

    boolean offline() {
        return root != null;
    }

    Path unitFile(String name) {
        Path base = root == null ? Path.of("/") : root;
        return base.resolve("etc/systemd/system").resolve(name + ".service");
    }

    /** Fails with one line unless systemd runs this machine (its test of {@code sd_booted}), or the tree is offline. */
    void requireBooted() {
        if (offline()) return;
        if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
            throw new CliException("systemd is not the init system here (PID 1 is "
                    + pidOneName() + "), so nothing can start jpm at boot through it; "
                    + "`jpm startup --print` still writes the unit");
        }
    }

    private static String pidOneName() {
        try {
            return Files.readString(Path.of("/proc/1/comm")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** {@code systemctl daemon-reload}; nothing to do offline. */
    void reload() {
        if (!offline()) run("daemon-reload");
    }

    /** Runs systemctl with {@code args} (with {@code --root} offline); a failure is one line with its output. */
    void run(String... args) {
        List<String> command = new ArrayList<>(List.of("systemctl"));
        if (offline()) command.add("--root=" + root);
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CliException(String.join(" ", command) + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new CliException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + out.lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (IOException e) {
            throw new CliException("cannot run systemctl: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** {@code words} as one line for a POSIX shell, each quoted when it needs to be. */
    static String shellLine(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(w.matches("[A-Za-z0-9_@%+=:,./-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
