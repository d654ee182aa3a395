package io.jpm.engine.supervise;

import io.jpm.ipc.CommandException;
import io.jpm.ipc.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves a command's target: {@code all}, an app name, or a worker id. */
public final class Targets {
    /** One worker and its app. */
    public record Target(App app, Worker worker) {}

    private Targets() {}

    public static List<Target> workers(Map<String, App> apps, String target) {
        return workers(apps, target, false);
    }

    /** The workers a target names; unknown targets fail with UNKNOWN_APP unless {@code allowEmpty}. */
    public static List<Target> workers(Map<String, App> apps, String target, boolean allowEmpty) {
        List<Target> out = new ArrayList<>();
        if (target == null || Request.ALL.equals(target)) {
            for (App a : apps.values()) for (Worker w : a.workersView()) out.add(new Target(a, w));
            if (out.isEmpty() && !allowEmpty && !apps.isEmpty()) throw CommandException.unknownApp(target);
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
        throw CommandException.unknownApp(target);
    }

    public static List<App> apps(List<Target> targets) {
        Set<App> set = new LinkedHashSet<>();
        for (Target t : targets) set.add(t.app());
        return List.copyOf(set);
    }
}
