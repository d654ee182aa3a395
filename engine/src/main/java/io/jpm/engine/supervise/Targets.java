package io.jpm.engine.supervise;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves a command's target as PM2's {@code _operate} does, in this order: {@code all}; a {@code /regex/} found
 * in app names; an app name; a worker id; a namespace (every app in it); a script path (the app whose script is that file, {@code app.js} or
 * {@code ./app.js} or its absolute path). A target that matches nothing fails with UNKNOWN_APP, {@code all} too
 * when no worker exists (PM2: "No process found", exit 1).
 */
public final class Targets {
    /** One worker and its app. */
    public record Target(App app, Worker worker) {}

    private Targets() {}

    public static List<Target> workers(Map<String, App> apps, String target) {
        return workers(apps, target, false);
    }

    /**
     * The workers a target names; a target that matches nothing fails with UNKNOWN_APP, but {@code all} with no
     * worker only without {@code allowEmpty}.
     */
    public static List<Target> workers(Map<String, App> apps, String target, boolean allowEmpty) {
        List<Target> out = new ArrayList<>();
        if (target == null || Request.ALL.equals(target)) {
            for (App a : apps.values()) for (Worker w : a.workersView()) out.add(new Target(a, w));
            if (out.isEmpty() && !allowEmpty) throw new CommandException(ErrorCode.UNKNOWN_APP, "no process found");
            return out;
        }
        Pattern regex = regex(target);
        if (regex != null) {
            for (App a : apps.values()) {
                if (regex.matcher(a.name()).find()) for (Worker w : a.workersView()) out.add(new Target(a, w));
            }
            if (out.isEmpty()) throw CommandException.unknownApp(target);
            return out;
        }
        App app = apps.get(target);
        if (app != null) {
            for (Worker w : app.workersView()) out.add(new Target(app, w));
            return out;
        }
        if (target.chars().allMatch(Character::isDigit) && target.length() < 10) {
            int id = Integer.parseInt(target);
            for (App a : apps.values()) {
                for (Worker w : a.workersView()) if (w.id() == id) return List.of(new Target(a, w));
            }
        }
        for (App a : apps.values()) {
            if (a.spec().run().namespace().equals(target)) for (Worker w : a.workersView()) out.add(new Target(a, w));
        }
        if (!out.isEmpty()) return out;
        for (App a : apps.values()) {
            if (runsScript(a, target)) for (Worker w : a.workersView()) out.add(new Target(a, w));
        }
        if (!out.isEmpty()) return out;
        throw CommandException.unknownApp(target);
    }

    /** {@code /text/} as a pattern; null for any other target. A bad pattern is a one-line error naming it. */
    private static Pattern regex(String target) {
        if (target.length() < 3 || !target.startsWith("/") || !target.endsWith("/")) return null;
        try {
            return Pattern.compile(target.substring(1, target.length() - 1));
        } catch (PatternSyntaxException e) {
            throw CommandException.badArgument("not a regular expression: " + target + " (" + e.getDescription() + ")");
        }
    }

    /** Whether the app runs the script file {@code target} names: its path, relative or absolute. */
    private static boolean runsScript(App app, String target) {
        String script = app.spec().run().script();
        if (script == null || !(target.contains("/") || target.contains("."))) return false;
        Path scriptPath = app.spec().run().cwd().resolve(script).normalize();
        Path given;
        try {
            given = Path.of(target).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        return given.isAbsolute() ? scriptPath.equals(given) : scriptPath.endsWith(given);
    }

    public static List<App> apps(List<Target> targets) {
        Set<App> set = new LinkedHashSet<>();
        for (Target t : targets) set.add(t.app());
        return List.copyOf(set);
    }
}
