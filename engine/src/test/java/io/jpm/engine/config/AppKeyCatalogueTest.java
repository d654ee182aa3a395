package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        for (AppKey k : Settings.keys()) {
            List<String> names = new ArrayList<>(k.aliases());
            names.add(k.key());
            for (String name : names) {
                String base = k == Settings.SCRIPT.key() ? "{" : "{'script': 'server.js', ";
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
        assertEquals(Optional.of(Settings.SCRIPT.key()), Settings.keyNamed("cmd"));
        assertEquals(Optional.of(Settings.INTERPRETER.key()), Settings.keyNamed("exec_interpreter"));
        assertEquals(Optional.of(Settings.OUT_FILE.key()), Settings.keyNamed("output"));
        assertEquals(Optional.empty(), Settings.keyNamed("colour"));
        assertEquals("--instances", Settings.INSTANCES.key().flag().orElseThrow());
    }

    /** A value each key accepts: the keys with rules of their own are named, the others go by their type. */
    private static String sample(AppKey k) {
        return switch (k.key()) {
            case "script" -> "'server.js'";
            case "env" -> "{'A': '1'}";
            case "stop_exit_codes" -> "[0]";
            case "exec_mode" -> "'fork'";
            case "kill_signal" -> "'SIGTERM'";
            case "balance" -> "'round-robin'";
            case "listen_mode" -> "'proxy'";
            case "listen_path" -> "'/run/web.sock'";
            case "cwd" -> "'.'";
            case "name" -> "'server'";
            case "instance_var", "increment_var" -> "'ID'";
            case "log_date_format" -> "'HH:mm'";
            case "log_max_size" -> "'1M'";
            case "out_file", "error_file", "log_file", "pid_file" -> "'x.log'";
            case "log_type" -> "'json'";
            case "args", "interpreter_args", "host", "ready_line" -> "'x'";
            case "interpreter" -> "'node'";
            case "append_env_to_name" -> "true"; // an input, with no default to tell its type
            case "namespace" -> "'backend'";
            case "watch" -> "true";
            case "ignore_watch" -> "['*.log']";
            case "watch_options" -> "{'followSymlinks': false}";
            case "cron_restart" -> "'0 3 * * *'";
            case "liveness_probe", "readiness_probe" -> "{'tcp_socket': {'port': 80}}";
            case "depends_on" -> "['db']";
            default -> isBoolean(k) ? "true" : k.use() == AppKey.Use.READ ? "1" : "'x'";
        };
    }

    /** Whether {@code k} declares a boolean setting, which takes {@code true} (so a new one needs no line here). */
    private static boolean isBoolean(AppKey k) {
        return Settings.ALL.stream().anyMatch(s -> s.key() == k && s.fallback() instanceof Boolean);
    }
}
