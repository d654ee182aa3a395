package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The declarations of {@link Settings} cover the spec exactly: each component of a section view has one, each key
 * jpm reads has exactly one, each kept one has its own place in dump.json, and what a declaration saves it reads back.
 */
class SettingsCatalogueTest extends ParserFixture {

    @Test
    void everyComponentOfTheSpecHasExactlyOneDeclaration() {
        List<String> declared = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.field() != null) declared.add(s.field());
        }
        List<String> components = new ArrayList<>(List.of("name"));
        AppSpec.SECTIONS.forEach((prefix, type) -> components.addAll(SpecShape.leafPaths(type, prefix + ".")));
        assertEquals(new TreeSet<>(components), new TreeSet<>(declared));
        assertEquals(declared.size(), Set.copyOf(declared).size(), "a field declared twice");
    }

    @Test
    void everyKeyAndAliasIsDeclaredOnceAndEveryLabelIsItsOwn() {
        Map<String, AppKey> names = new HashMap<>();
        for (AppKey k : Settings.keys()) {
            for (String n : concat(k.key(), k.aliases())) {
                AppKey before = names.put(n, k);
                assertNull(before, n + " is declared by " + before + " and " + k);
            }
        }
        Map<AppKey, Setting<?>> byKey = new HashMap<>();
        Set<String> labels = new HashSet<>();
        for (Setting<?> s : Settings.ALL) {
            assertTrue(labels.add(s.label()), s.label() + " is declared twice");
            if (s.key() != null) {
                Setting<?> before = byKey.put(s.key(), s);
                assertNull(before, s.key() + " has two declarations: " + before + " and " + s);
            }
        }
    }

    @Test
    void aKeptSettingIsReadThroughItsDeclarationAndChangedByIt() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'metrics_tree': true}");
        assertEquals(true, s.get(Settings.METRICS_TREE));
        assertEquals(false, s.get(Settings.SHUTDOWN_WITH_MESSAGE));
        AppSpec changed = s.with(Settings.SHUTDOWN_WITH_MESSAGE, true);
        assertEquals(true, changed.get(Settings.SHUTDOWN_WITH_MESSAGE));
        assertEquals(false, s.get(Settings.SHUTDOWN_WITH_MESSAGE), "with returns a copy");
        assertEquals(changed, SavedSpec.read(SavedSpec.write(changed)));
        assertEquals(changed.get(Settings.WATCH_DELAY), changed.watch().delayMs(), "a section is a view of the values");
        AppSpec scaled = changed.withInstances(3);
        assertEquals(3, scaled.get(Settings.INSTANCES));
        assertEquals(true, scaled.get(Settings.SHUTDOWN_WITH_MESSAGE), "a section's with keeps the other values");
        assertThrows(IllegalArgumentException.class, () -> s.get(Settings.ARGS), "an input is not kept");
    }

    @Test
    void aSettingsKeyIsReadAndAnUnsupportedKeyIsNot() {
        for (Setting<?> s : Settings.ALL) {
            if (s.key() != null) assertEquals(AppKey.Use.READ, s.key().use(), s.toString());
        }
        for (AppKey k : Settings.UNSUPPORTED) {
            assertEquals(AppKey.Use.UNSUPPORTED, k.use(), k.key());
            assertTrue(k.flag().isEmpty(), k + " has a flag but is not read");
        }
    }

    @Test
    void everySavedSettingHasItsOwnPlaceAndEveryFieldIsSaved() {
        List<String> places = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.isStored()) assertNotNull(s.savedAt(), s + " is not saved in dump.json");
            if (s.savedAt() != null) places.add(s.savedAt());
        }
        assertEquals(places.size(), Set.copyOf(places).size(), "two settings saved at one place");
    }

    @Test
    void theDefaultsAreTheDeclaredOnes() {
        assertEquals(RestartRules.DEFAULT_MAX_RESTARTS, RestartRules.DEFAULT.maxRestarts());
        assertEquals("SIGINT", RestartRules.DEFAULT.killSignal());
        assertTrue(RestartRules.DEFAULT.autorestart());
        assertEquals(ClusterSettings.NO_PORT, ClusterSettings.DEFAULT.port());
        assertEquals(10L << 20, LogSettings.DEFAULT.rotation().maxBytes());
        assertTrue(LogSettings.DEFAULT.timestamps());
        assertTrue(WatchSettings.OFF.followSymlinks());
    }

    @Test
    void aSpecWithEverySettingAwayFromItsDefaultSavesAndReadsBackWhole() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'name': 'api', 'args': ['a'], 'instances': 3, 'exec_mode': 'cluster',"
                + " 'autorestart': false, 'max_restarts': 3, 'min_uptime': '2s', 'restart_delay': 40,"
                + " 'exp_backoff_restart_delay': 50, 'stop_exit_codes': [0, 2], 'kill_timeout': 900,"
                + " 'kill_signal': 'SIGTERM', 'max_memory_restart': '20M', 'instance_var': 'ID', 'merge_logs': true, 'time': false,"
                + " 'log_date_format': 'HH:mm', 'log_type': 'json', 'log_max_size': '1M', 'log_keep': 3, 'log_compress': true,"
                + " 'metrics_tree': true, 'watchdog_sec': 2, 'out_file': 'o.log', 'error_file': 'NULL', 'log_file': 'all.log',"
                + " 'pid_file': 'app.pid',"
                + " 'port': 8080, 'host': '127.0.0.1', 'balance': 'least-connections', 'ready_line': 'up',"
                + " 'listen_timeout': 700, 'drain_timeout': 800, 'watch': ['api'], 'ignore_watch': '*.log',"
                + " 'watch_delay': 90, 'watch_options': {'followSymlinks': false, 'interval': 30},"
                + " 'cron_restart': '0 3 * * *', 'env': {'A': '1'}, 'shutdown_with_message': true,"
                + " 'namespace': 'shop', 'increment_var': 'A', 'listen_mode': 'socket', 'listen_path': '/run/api.sock',"
                + " 'liveness_probe': {'http_get': {'path': '/live', 'port': 9000}, 'period_seconds': 2},"
                + " 'readiness_probe': {'tcp_socket': {'port': 9001}, 'failure_threshold': 5},"
                + " 'depends_on': {'db': {'condition': 'ready'}, 'cache': 'healthy'}}");
        assertEquals(s, SavedSpec.read(SavedSpec.write(s)));
        for (Setting<?> setting : Settings.ALL) {
            if (!setting.isStored() || setting == Settings.WATCH_POLLING) continue;
            assertTrue(
                    !java.util.Objects.equals(setting.fallback(), setting.valueIn(s)), setting + " is at its default");
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }
}
