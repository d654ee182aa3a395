package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.AppKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The declarations of {@link Settings} cover the spec exactly: each record component has one, each key jpm reads has
 * at least one, each saved one has its own place, and what a declaration saves it reads back.
 */
class SettingsCatalogueTest extends ParserFixture {

    @Test
    void everyComponentOfTheSpecHasExactlyOneDeclaration() {
        List<String> declared = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.field() != null) declared.add(s.field());
        }
        assertEquals(new TreeSet<>(SpecShape.leafPaths(AppSpec.class, "")), new TreeSet<>(declared));
        assertEquals(declared.size(), Set.copyOf(declared).size(), "a field declared twice");
    }

    @Test
    void everyKeyJpmReadsHasADeclarationAndNoOtherDoes() {
        Set<AppKey> declared = new TreeSet<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.key() != null) declared.add(s.key());
        }
        Set<AppKey> read = new TreeSet<>();
        for (AppKey k : AppKey.values()) {
            if (k.use() == AppKey.Use.READ) read.add(k);
        }
        assertEquals(read, declared);
    }

    @Test
    void everySavedSettingHasItsOwnPlaceAndEveryFieldIsSaved() {
        List<String> places = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.field() != null) assertNotNull(s.savedAt(), s + " is not saved in dump.json");
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
            if (setting.field() == null || setting == Settings.WATCH_POLLING) continue;
            assertTrue(
                    !java.util.Objects.equals(setting.fallback(), setting.valueIn(s)), setting + " is at its default");
        }
    }
}
