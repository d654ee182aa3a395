package io.jpm.tui.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Recognises the hot one-shot verbs ({@code ping}, {@code list}, {@code describe}, {@code stop}, {@code restart},
 * {@code reload}, {@code delete}, {@code kill}, {@code version}) when their arguments are plain, and builds the same
 * command object that picocli would, with its fields set by hand. Picocli reads a command's annotations through
 * dynamic proxies that spin classes on every run, which no AOT cache holds (~90 ms of CPU for {@code jpm ping}); a
 * verb recognised here runs without touching picocli at all.
 *
 * <p>Anything unusual is left to picocli, so its parsing and messages stay the only ones: help and version flags,
 * {@code --host}, an option the verb does not have, an option given twice, {@code --}, {@code -}, a missing or extra
 * argument. The verb's own {@code call()} runs either way, so output, errors and exit codes are the same.
 */
final class FastPath {
    private FastPath() {}

    /** The verb {@code args} name with its fields set, ready to call; null when picocli must parse them. */
    static Callable<Integer> verb(Jpm jpm, String[] args) {
        if (args.length == 0) return null;
        Flags f = Flags.read(args);
        if (f == null) return null;
        switch (args[0]) {
            case "ping":
                if (!f.none()) return null;
                Commands.Ping ping = new Commands.Ping();
                ping.jpm = jpm;
                return ping;
            case "version":
                if (!f.none()) return null;
                Commands.VersionCommand version = new Commands.VersionCommand();
                version.jpm = jpm;
                return version;
            case "kill":
                if (!f.none()) return null;
                Commands.Kill kill = new Commands.Kill();
                kill.jpm = jpm;
                return kill;
            case "list", "ls", "ps", "status":
                if (!f.only("--json") || !f.positionals.isEmpty()) return null;
                ListCommand list = new ListCommand();
                list.jpm = jpm;
                list.json = f.has("--json");
                list.timeoutMs = 3000;
                return list;
            case "describe", "show", "info", "desc":
                if (!f.only("--json", "--show-env") || f.positionals.size() != 1) return null;
                DescribeCommand describe = new DescribeCommand();
                describe.jpm = jpm;
                describe.target = f.positionals.get(0);
                describe.json = f.has("--json");
                describe.showEnv = f.has("--show-env");
                return describe;
            case "stop":
                if (!f.only("--watch") || f.positionals.isEmpty()) return null;
                TargetCommands.Stop stop = new TargetCommands.Stop();
                stop.watch = f.has("--watch");
                return targets(stop, jpm, f);
            case "restart":
                if (!f.only("--update-env") || f.positionals.isEmpty()) return null;
                TargetCommands.Restart restart = new TargetCommands.Restart();
                restart.updateEnv = f.has("--update-env");
                return targets(restart, jpm, f);
            case "reload":
                if (!f.only("--update-env") || f.positionals.isEmpty()) return null;
                TargetCommands.Reload reload = new TargetCommands.Reload();
                reload.updateEnv = f.has("--update-env");
                return targets(reload, jpm, f);
            case "delete", "del":
                if (!f.only() || f.positionals.isEmpty()) return null;
                return targets(new TargetCommands.Delete(), jpm, f);
            default:
                return null;
        }
    }

    private static Callable<Integer> targets(TargetCommand<?> command, Jpm jpm, Flags f) {
        command.jpm = jpm;
        command.targets = new ArrayList<>(f.positionals);
        return command;
    }

    /** The arguments after the verb: the flags (each at most once) and the positionals, in order. */
    private static final class Flags {
        final List<String> flags = new ArrayList<>();
        final List<String> positionals = new ArrayList<>();

        /** Null when an argument is one that only picocli should read. */
        static Flags read(String[] args) {
            Flags f = new Flags();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.isEmpty() || a.charAt(0) != '-') {
                    f.positionals.add(a);
                } else if (a.length() > 2 && a.startsWith("--") && a.indexOf('=') < 0 && !f.flags.contains(a)) {
                    f.flags.add(a);
                } else {
                    return null; // "-", "--", short options, "--x=y", a flag given twice
                }
            }
            return f;
        }

        boolean none() {
            return flags.isEmpty() && positionals.isEmpty();
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }

        /** Whether every flag given is one of {@code allowed}. */
        boolean only(String... allowed) {
            for (String given : flags) {
                boolean known = false;
                for (String a : allowed) known |= a.equals(given);
                if (!known) return false;
            }
            return true;
        }
    }
}
