package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.AppKey;
import io.jpm.ipc.wire.AppConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalogue drives the key checks and describe: what it declares is what the parser accepts and shows. */
class AppKeyCatalogueTest extends ParserFixture {

    @Test
    void describeShowsEveryShownSettingInCatalogueOrder() throws ConfigException {
        AppSpec cluster = spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 8080}");
        List<String> expected = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.shown() != Setting.Shown.NEVER) expected.add(s.label());
        }
        AppConfig block = DescribeBlock.of(cluster);
        assertEquals(expected, List.copyOf(block.text().keySet()));
        assertEquals(List.of("script", "command", "cwd"), expected.subList(0, 3));
        assertEquals(new AppConfig.Whole(8080), block.get("port").orElseThrow());
        List<String> clusterOnly = Settings.ALL.stream()
                .filter(s -> s.shown() == Setting.Shown.CLUSTER)
                .map(Setting::label)
                .toList();
        assertTrue(
                DescribeBlock.of(spec("{'script': 'server.js'}")).text().keySet().stream()
                        .noneMatch(clusterOnly::contains),
                "the cluster keys show only for a cluster with a port");
    }

    @Test
    void everyReadKeyAndAliasIsQuietAndEveryUnsupportedOneWarns() throws ConfigException {
        for (AppKey k : AppKey.values()) {
            List<String> names = new ArrayList<>(k.aliases());
            names.add(k.key());
            for (String name : names) {
                String base = k == AppKey.SCRIPT ? "{" : "{'script': 'server.js', ";
                List<String> w = warnings(base + "'" + name + "': " + sample(k) + "}");
                if (k.use() == AppKey.Use.READ) {
                    assertEquals(
                            List.of(), w.stream().filter(s -> s.contains(name)).toList(), name);
                } else {
                    assertEquals(
                            List.of("app \"server\": key \"" + name + "\" is not supported yet and was ignored"), w);
                }
            }
        }
    }

    @Test
    void namesAndAliasesResolve() {
        assertEquals(Optional.of(AppKey.SCRIPT), AppKey.named("cmd"));
        assertEquals(Optional.of(AppKey.INTERPRETER), AppKey.named("exec_interpreter"));
        assertEquals(Optional.of(AppKey.OUT_FILE), AppKey.named("output"));
        assertEquals(Optional.empty(), AppKey.named("colour"));
        assertEquals("--instances", AppKey.INSTANCES.flag().orElseThrow());
    }

    /** A value each key accepts. */
    private static String sample(AppKey k) {
        return switch (k) {
            case SCRIPT -> "'server.js'";
            case ENV -> "{'A': '1'}";
            case STOP_EXIT_CODES -> "[0]";
            case EXEC_MODE -> "'fork'";
            case KILL_SIGNAL -> "'SIGTERM'";
            case BALANCE -> "'round-robin'";
            case LISTEN_MODE -> "'proxy'";
            case LISTEN_PATH -> "'/run/web.sock'";
            case CWD -> "'.'";
            case NAME -> "'server'";
            case INSTANCE_VAR, INCREMENT_VAR -> "'ID'";
            case LOG_DATE_FORMAT -> "'HH:mm'";
            case LOG_MAX_SIZE -> "'1M'";
            case AUTORESTART,
                    TIME,
                    MERGE_LOGS,
                    WAIT_READY,
                    LOG_COMPRESS,
                    METRICS_TREE,
                    APPEND_ENV_TO_NAME,
                    SHUTDOWN_WITH_MESSAGE -> "true";
            case OUT_FILE, ERROR_FILE, LOG_FILE, PID_FILE -> "'x.log'";
            case LOG_TYPE -> "'json'";
            case ARGS, INTERPRETER_ARGS, HOST, READY_LINE -> "'x'";
            case INTERPRETER -> "'node'";
            case NAMESPACE -> "'backend'";
            case WATCH -> "true";
            case IGNORE_WATCH -> "['*.log']";
            case WATCH_OPTIONS -> "{'followSymlinks': false}";
            case CRON_RESTART -> "'0 3 * * *'";
            case LIVENESS_PROBE, READINESS_PROBE -> "{'tcp_socket': {'port': 80}}";
            case DEPENDS_ON -> "['db']";
            default -> k.use() == AppKey.Use.READ ? "1" : "'x'";
        };
    }
}
