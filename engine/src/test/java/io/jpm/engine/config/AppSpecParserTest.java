package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.config.AppSpecParser.Parsed;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole apps: defaults, every key at once, names, keys jpm does not act on, and problems reported together. */
class AppSpecParserTest extends ParserFixture {

    @Test
    void aNameWithControlCharactersIsReportedOnOneLineWithoutThem() {
        List<String> problems = problems("{'name': 'a\\nb\\u001b[2J', 'script': 'server.js'}");
        assertEquals(1, problems.size(), problems.toString());
        String p = problems.getFirst();
        assertTrue(p.startsWith("app \"a\\nb\\u001b[2J\": name: "), p);
        assertFalse(p.contains("\n") || p.contains("\u001b"), p);
    }

    @Test
    void minimalAppGetsPm2Defaults() throws ConfigException {
        Parsed parsed = parser.parse(json("{'script': 'server.js'}"));
        AppSpec s = parsed.spec();
        assertEquals(List.of(), parsed.warnings());
        assertEquals("server", s.name());
        assertEquals(List.of("/fake/bin/node", abs("server.js")), s.run().command());
        assertEquals("server.js", s.run().script());
        assertEquals(project, s.run().cwd());
        assertEquals(CLIENT_ENV, s.run().env());
        assertEquals(1, s.run().instances());
        assertEquals(AppSpec.ExecMode.FORK, s.run().mode());
        assertTrue(s.restart().autorestart());
        assertEquals(16, s.restart().maxRestarts());
        assertEquals(1000, s.restart().minUptimeMs());
        assertEquals(0, s.restart().restartDelayMs());
        assertEquals(0, s.restart().expBackoffRestartDelayMs());
        assertEquals(Set.of(), s.restart().stopExitCodes());
        assertEquals(1600, s.restart().killTimeoutMs());
        assertEquals("SIGINT", s.restart().killSignal());
        assertEquals(0, s.restart().maxMemoryRestartBytes());
        assertNull(s.run().instanceVar());
        assertNull(s.logs().outFile());
        assertNull(s.logs().errorFile());
        assertNull(s.logs().dateFormat());
        assertTrue(s.logs().timestamps());
        assertFalse(s.logs().mergeLogs());
        assertEquals(0, s.cluster().balancerPort());
        assertNull(s.cluster().host());
        assertFalse(s.cluster().waitReady());
        assertNull(s.cluster().readyLine());
        assertEquals(3000, s.cluster().listenTimeoutMs());
        assertEquals(5000, s.cluster().drainTimeoutMs());
        assertEquals(AppSpec.LogRotation.DEFAULT, s.logs().rotation());
    }

    @Test
    void everySupportedKey() throws ConfigException {
        AppSpec s = spec("""
                {'name': 'api', 'script': 'index.js', 'cwd': 'api', 'args': ['--port', 8080],
                 'interpreter_args': '--inspect --max-old-space-size=512', 'instances': '4', 'exec_mode': 'cluster_mode',
                 'autorestart': 'false', 'max_restarts': '3', 'min_uptime': '5s', 'restart_delay': 250,
                 'exp_backoff_restart_delay': '100ms', 'stop_exit_codes': 0, 'kill_timeout': '3s',
                 'max_memory_restart': '200M', 'instance_var': 'INSTANCE_ID', 'output': 'logs/out.log',
                 'error': '/var/log/api-err.log', 'log_date_format': 'YYYY-MM-DD HH:mm:ss.SSS Z', 'combine_logs': true,
                 'port': '3000', 'host': '127.0.0.1', 'kill_signal': 'term', 'time': true, 'ready_line': 'listening on',
                 'listen_timeout': '10s', 'drain_timeout': 1500, 'log_max_size': '1M', 'log_keep': 3,
                 'log_compress': true}
                """);
        assertEquals(
                List.of(
                        "/fake/bin/node",
                        "--inspect",
                        "--max-old-space-size=512",
                        abs("api/index.js"),
                        "--port",
                        "8080"),
                s.run().command());
        assertEquals(project.resolve("api"), s.run().cwd());
        assertEquals(4, s.run().instances());
        assertEquals(AppSpec.ExecMode.CLUSTER, s.run().mode());
        assertFalse(s.restart().autorestart());
        assertEquals(3, s.restart().maxRestarts());
        assertEquals(5000, s.restart().minUptimeMs());
        assertEquals(250, s.restart().restartDelayMs());
        assertEquals(100, s.restart().expBackoffRestartDelayMs());
        assertEquals(Set.of(0), s.restart().stopExitCodes());
        assertEquals(3000, s.restart().killTimeoutMs());
        assertEquals(200L << 20, s.restart().maxMemoryRestartBytes());
        assertEquals("INSTANCE_ID", s.run().instanceVar());
        assertEquals(
                project.resolve("api/logs/out.log"), s.logs().outFile(), "log paths are relative to the app's cwd");
        assertEquals(Path.of("/var/log/api-err.log"), s.logs().errorFile());
        assertEquals("yyyy-MM-dd HH:mm:ss.SSS xxx", s.logs().dateFormat());
        assertTrue(s.logs().mergeLogs());
        assertEquals(3000, s.cluster().balancerPort());
        assertEquals("127.0.0.1", s.cluster().host());
        assertEquals("SIGTERM", s.restart().killSignal());
        assertTrue(s.cluster().waitReady(), "ready_line implies wait_ready");
        assertEquals("listening on", s.cluster().readyLine());
        assertEquals(10_000, s.cluster().listenTimeoutMs());
        assertEquals(1500, s.cluster().drainTimeoutMs());
        assertEquals(new AppSpec.LogRotation(1 << 20, 3, true), s.logs().rotation());
    }

    @Test
    void errorMessagesNameTheAppTheKeyAndTheValue() {
        assertEquals(
                List.of("app \"api\": instances: \"lots\" is not a number or \"max\""),
                problems("{'name': 'api', 'script': 'server.js', 'instances': 'lots'}"));
        assertEquals(
                List.of("app \"api\": script: \"./missing.js\" not found"),
                problems("{'name': 'api', 'script': './missing.js'}"));
        assertEquals(
                List.of("app \"api\": interpreter: \"nodez\" not found on PATH"),
                problems("{'name': 'api', 'script': 'server.js', 'interpreter': 'nodez'}"));
        assertEquals(List.of("app \"?\": script: missing"), problems("{'instances': 2}"));
        assertEquals(
                List.of("app \"missing\": script: \"missing.js\" not found"), problems("{'script': 'missing.js'}"));
    }

    @Test
    void allErrorsOfAnAppAreReportedTogether() { // in the catalogue's order (Settings.ALL)
        List<String> problems = problems("""
                {'name': 'api', 'script': 'server.js', 'instances': 2.5, 'exec_mode': 'swarm', 'min_uptime': 'soon',
                 'max_memory_restart': 'big', 'kill_signal': 'SIGFOO', 'log_date_format': 'MMMM Do', 'port': 70000,
                 'stop_exit_codes': [0, 300], 'cwd': 'nope', 'autorestart': 'yes', 'env': ['A=1'],
                 'log_max_size': 100, 'args': 'unclosed \\'quote'}
                """);
        assertEquals(
                List.of(
                        "app \"api\": cwd: \"nope\" is not a folder",
                        "app \"api\": env: [\"A=1\"] is not an object of variables",
                        "app \"api\": args: \"unclosed \\\"quote\" has an unclosed \" quote",
                        "app \"api\": instances: 2.5 is not a number or \"max\"",
                        "app \"api\": exec_mode: \"swarm\" is not \"fork\" or \"cluster\"",
                        "app \"api\": autorestart: \"yes\" is not true or false",
                        "app \"api\": min_uptime: \"soon\" is not a duration like 500ms, 5s or 1m",
                        "app \"api\": stop_exit_codes: [0,300] holds 300, which is not an exit code 0..255",
                        "app \"api\": kill_signal: \"SIGFOO\" is not a signal jpm can send",
                        "app \"api\": max_memory_restart: \"big\" is not a size like 512K, 200M or 1G",
                        "app \"api\": log_max_size: 100 is below 1024 bytes",
                        "app \"api\": port: 70000 is above 65535"),
                problems);
    }

    @Test
    void badNames() {
        assertEquals(
                List.of("app \"a/b\": name: \"a/b\" must not contain \"/\" or control characters"),
                problems("{'name': 'a/b', 'script': 'server.js'}"));
        assertEquals(
                List.of("app \"all\": name: \"all\" is reserved: \"all\" means every app in commands"),
                problems("{'name': 'all', 'script': 'server.js'}"));
        assertEquals(List.of("app \" \": name: \" \" is empty"), problems("{'name': ' ', 'script': 'server.js'}"));
    }

    @Test
    void unsupportedAndUnknownKeysAreWarnedAbout() throws ConfigException {
        assertEquals(
                List.of(
                        "app \"api\": key \"uid\" is not supported yet and was ignored",
                        "app \"api\": key \"colour\" is not a PM2 or jpm key and was ignored"),
                warnings("""
                        {'name': 'api', 'script': 'server.js', 'watch': ['src'], 'cron_restart': '0 * * * *',
                         'uid': 'www', 'increment_var': 'PORT', 'colour': 'blue'}
                        """));
    }

    @Test
    void logFileIsPm2sFileOfBothStreams() throws ConfigException {
        assertNull(parser.parse(json("{'script': 'server.js'}")).spec().logs().logFile(), "none unless asked");
        assertEquals(
                Path.of("api.log"),
                parser.parse(json("{'name': 'api', 'script': 'server.js', 'log_file': true}"))
                        .spec()
                        .logs()
                        .logFile(),
                "true: <name>.log, relative, which the logs folder resolves");
        assertNull(parser.parse(json("{'script': 'server.js', 'log_file': false}"))
                .spec()
                .logs()
                .logFile());
        assertEquals(
                project.resolve("logs/all.log"),
                parser.parse(json("{'script': 'server.js', 'log_file': 'logs/all.log'}"))
                        .spec()
                        .logs()
                        .logFile(),
                "a path is relative to the app's cwd, as out_file");
        assertEquals(
                Path.of("/dev/null"),
                parser.parse(json("{'script': 'server.js', 'log_file': 'NULL'}"))
                        .spec()
                        .logs()
                        .logFile());
    }

    @Test
    void unsupportedKeysSetToWhatJpmDoesAnywayAreQuiet() throws ConfigException {
        assertEquals(List.of(), warnings("""
                {'script': 'server.js', 'watch': false, 'vizion': false, 'pmx': false, 'autostart': true,
                 'source_map_support': false, 'ignore_watch': null}
                """));
    }

    @Test
    void parseAllReportsEveryAppAndDuplicateNames() {
        List<JsonNode> apps = List.of(
                json("{'name': 'a', 'script': 'server.js'}"),
                json("{'name': 'b', 'script': 'server.js', 'instances': 'x'}"),
                json("{'name': 'a', 'script': 'worker.py'}"),
                json("{'name': 'c', 'script': 'nope.js'}"));
        assertEquals(
                List.of(
                        "app \"b\": instances: \"x\" is not a number or \"max\"",
                        "app \"a\": name: used by more than one app",
                        "app \"c\": script: \"nope.js\" not found"),
                assertThrows(ConfigException.class, () -> parser.parseAll(apps)).problems());
    }

    @Test
    void aFileStartsTheAppsItCanAsPm2Does() {
        // PM2 starts "web" and reports "dev", whose ts-node is not installed; parseEach keeps the two apart
        var each = parser.parseEach(List.of(
                json("{'name': 'web', 'script': 'server.js', 'instances': 2}"),
                json("{'name': 'dev', 'script': 'ts-node', 'args': 'src/server.ts'}"),
                json("{'name': 'web', 'script': 'worker.py'}")));
        assertEquals(
                List.of("web"), each.parsed().stream().map(p -> p.spec().name()).toList());
        assertEquals(
                List.of("app \"dev\": script: \"ts-node\" not found", "app \"web\": name: used by more than one app"),
                each.skipped());
        assertEquals(List.of(), each.refused());
        // a value PM2's schema rejects refuses the whole file, as PM2 does
        var bad = parser.parseEach(List.of(
                json("{'name': 'good', 'script': 'server.js'}"),
                json("{'name': 'api', 'script': 'server.js', 'instances': 'lots'}")));
        assertEquals(List.of("app \"api\": instances: \"lots\" is not a number or \"max\""), bad.refused());
    }

    @Test
    void notAnObject() {
        assertEquals(
                List.of("an app must be a JSON object, not: \"server.js\""),
                assertThrows(ConfigException.class, () -> parser.parse(json("'server.js'")))
                        .problems());
    }

    @Test
    void defaultNames() {
        assertEquals("server", AppSpecParser.defaultName("./src/server.js"));
        assertEquals("ecosystem.config", AppSpecParser.defaultName("ecosystem.config.js"));
        assertEquals("python3", AppSpecParser.defaultName("python3 -m http.server"));
        assertEquals(".hidden", AppSpecParser.defaultName(".hidden"));
        assertEquals("sleep", AppSpecParser.defaultName("/bin/sleep"));
    }
}
