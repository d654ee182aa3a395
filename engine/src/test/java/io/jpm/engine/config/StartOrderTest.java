package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartOrderTest extends ParserFixture {

    private AppSpec app(String name, String dependsOn) throws ConfigException {
        return spec("{'name': '" + name + "', 'script': 'server.js'"
                + (dependsOn == null ? "" : ", 'depends_on': " + dependsOn) + "}");
    }

    private static List<String> names(List<AppSpec> specs) {
        return specs.stream().map(AppSpec::name).toList();
    }

    @Test
    void dependenciesComeFirstAndTheFileOrderIsKeptOtherwise() throws ConfigException {
        List<AppSpec> specs = List.of(
                app("web", "{'db': {'condition': 'healthy'}, 'cache': {}}"),
                app("worker", null),
                app("cache", "['db']"),
                app("db", null));
        assertEquals(List.of("db", "cache", "web", "worker"), names(StartOrder.sort(specs, Set.of()::contains)));
        assertEquals(
                List.of("a", "b"), names(StartOrder.sort(List.of(app("a", null), app("b", null)), Set.of()::contains)));
    }

    @Test
    void conditionsAreRead() throws ConfigException {
        AppSpec web =
                app("web", "{'db': {'condition': 'healthy'}, 'q': {'condition': 'process_started'}, 'r': 'ready'}");
        assertEquals(
                List.of(
                        new HealthSettings.Dependency("db", HealthSettings.Condition.HEALTHY),
                        new HealthSettings.Dependency("q", HealthSettings.Condition.STARTED),
                        new HealthSettings.Dependency("r", HealthSettings.Condition.READY)),
                web.health().dependsOn());
        assertEquals(
                List.of("db"),
                problems("{'script': 'server.js', 'depends_on': {'db': {'condition': 'up'}}}").stream()
                        .map(p -> p.contains("db: condition is not started, ready or healthy") ? "db" : p)
                        .toList());
    }

    @Test
    void anAppRunningAlreadyIsAKnownName() throws ConfigException {
        assertEquals(List.of("web"), names(StartOrder.sort(List.of(app("web", "['db']")), Set.of("db")::contains)));
    }

    @Test
    void unknownNamesAreOneErrorNamingEach() throws ConfigException {
        List<AppSpec> specs = List.of(app("web", "['db', 'cache']"), app("api", "['api']"));
        ConfigException e =
                assertThrows(ConfigException.class, () -> StartOrder.sort(specs, Set.of("cache")::contains));
        assertEquals(
                List.of(
                        "app \"web\": depends_on: no app named \"db\" in this file or running",
                        "app \"api\": depends_on: it names itself"),
                e.problems());
    }

    @Test
    void aCycleIsNamed() throws ConfigException {
        List<AppSpec> specs = List.of(app("a", "['b']"), app("b", "['c']"), app("c", "['a']"), app("d", null));
        ConfigException e = assertThrows(ConfigException.class, () -> StartOrder.sort(specs, Set.of()::contains));
        assertEquals(List.of("depends_on has a cycle: a -> b -> c -> a"), e.problems());
    }

    @Test
    void stopWavesGoFromDependentsToTheirDependencies() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("db", List.of());
        deps.put("web", List.of("db", "cache"));
        deps.put("cache", List.of("db"));
        deps.put("lone", List.of("gone"));
        assertEquals(List.of(List.of("web"), List.of("cache"), List.of("db", "lone")), StartOrder.stopWaves(deps));
        Map<String, List<String>> cycle = new LinkedHashMap<>();
        cycle.put("a", List.of("b"));
        cycle.put("b", List.of("a"));
        assertEquals(
                2, StartOrder.stopWaves(cycle).stream().mapToInt(List::size).sum(), "a cycle loses no app");
    }
}
