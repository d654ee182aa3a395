package io.jpm.engine.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Orders apps by {@code depends_on}: a start puts every app after the apps it depends on, and a stop takes them in
 * the reverse order. Pure: it sees names and their dependencies only.
 */
public final class StartOrder {
    private StartOrder() {}

    /**
     * The specs of one start in an order where each comes after those it depends on, the file's order kept where
     * depends_on says nothing. A dependency must be in {@code specs} or one of the {@code existing} apps. Throws one
     * {@link ConfigException} naming every unknown name and the first cycle found, so that nothing starts.
     */
    public static List<AppSpec> sort(List<AppSpec> specs, Predicate<String> existing) throws ConfigException {
        Map<String, AppSpec> byName = new LinkedHashMap<>();
        for (AppSpec s : specs) byName.put(s.name(), s);
        List<String> problems = new ArrayList<>();
        for (AppSpec s : specs) {
            for (HealthSettings.Dependency d : s.health().dependsOn()) {
                if (d.app().equals(s.name())) {
                    problems.add("app \"" + s.name() + "\": depends_on: it names itself");
                } else if (!byName.containsKey(d.app()) && !existing.test(d.app())) {
                    problems.add("app \"" + s.name() + "\": depends_on: no app named \"" + d.app()
                            + "\" in this file or running");
                }
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        List<AppSpec> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = placed
        for (AppSpec s : specs) visit(s, byName, state, new ArrayList<>(), out);
        return out;
    }

    private static void visit(
            AppSpec s, Map<String, AppSpec> byName, Map<String, Integer> state, List<String> path, List<AppSpec> out)
            throws ConfigException {
        Integer st = state.get(s.name());
        if (st != null && st == 2) return;
        if (st != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(s.name()), path.size()));
            cycle.add(s.name());
            throw new ConfigException("depends_on has a cycle: " + String.join(" -> ", cycle));
        }
        state.put(s.name(), 1);
        path.add(s.name());
        for (HealthSettings.Dependency d : s.health().dependsOn()) {
            AppSpec dep = byName.get(d.app());
            if (dep != null) visit(dep, byName, state, path, out);
        }
        path.remove(path.size() - 1);
        state.put(s.name(), 2);
        out.add(s);
    }

    /**
     * The apps of a stop in waves: first those that no other app of the set depends on, last those that only others
     * depended on. Each wave stops at once; the next begins when it has stopped. A cycle (possible across starts) puts
     * its apps in one wave.
     *
     * @param dependsOn each app of the set and the names it depends on
     */
    public static List<List<String>> stopWaves(Map<String, List<String>> dependsOn) {
        Map<String, Integer> level = new HashMap<>();
        for (String app : dependsOn.keySet()) level(app, dependsOn, level, new java.util.HashSet<>());
        TreeMap<Integer, List<String>> waves = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (String app : dependsOn.keySet())
            waves.computeIfAbsent(level.get(app), k -> new ArrayList<>()).add(app);
        return List.copyOf(waves.values());
    }

    /** 0 for an app that depends on none of the set, else one more than its deepest dependency. */
    private static int level(
            String app, Map<String, List<String>> dependsOn, Map<String, Integer> level, Set<String> onPath) {
        Integer known = level.get(app);
        if (known != null) return known;
        if (!onPath.add(app)) return 0; // a cycle: cut here
        int l = 0;
        for (String dep : dependsOn.getOrDefault(app, List.of())) {
            if (dependsOn.containsKey(dep) && !dep.equals(app))
                l = Math.max(l, 1 + level(dep, dependsOn, level, onPath));
        }
        onPath.remove(app);
        level.put(app, l);
        return l;
    }
}
