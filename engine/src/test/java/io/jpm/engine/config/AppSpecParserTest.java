package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpm.engine.config.AppSpecParser.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSpecParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CLIENT_ENV =
            Map.of("PATH", "/usr/local/bin:/usr/bin", "HOME", "/home/ada", "LANG", "C.UTF-8", "NODE_ENV", "client");

    @TempDir
    Path project;

    private FakeLookup lookup;
    private AppSpecParser parser;

    @BeforeEach
    void setUp() throws IOException {
        for (String f :
                List.of("server.js", "api/index.js", "mod.mjs", "lib.cjs", "worker.py", "app.jar", "notes.txt")) {
            Path p = project.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
        for (String f : List.of("deploy.sh", "tool")) {
            Files.writeString(project.resolve(f), "#!/bin/sh\n");
            Files.setPosixFilePermissions(project.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        lookup = FakeLookup.usual();
        parser = new AppSpecParser(CLIENT_ENV, project).withLookup(lookup).withProcessors(8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private AppSpec spec(String app) throws ConfigException {
        return parser.parse(json(app)).spec();
    }

    private List<String> problems(String app) {
        return assertThrows(ConfigException.class, () -> parser.parse(json(app)))
                .problems();
    }

    private List<String> warnings(String app) throws ConfigException {
        return parser.parse(json(app)).warnings();
    }

    private String abs(String file) {
        return project.resolve(file).toString();
    }

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
        assertEquals(List.of("/fake/bin/node", abs("server.js")), s.command());
        assertEquals("server.js", s.script());
        assertEquals(project, s.cwd());
        assertEquals(CLIENT_ENV, s.env());
        assertEquals(1, s.instances());
        assertEquals(AppSpec.ExecMode.FORK, s.mode());
        assertTrue(s.autorestart());
        assertEquals(16, s.maxRestarts());
        assertEquals(1000, s.minUptimeMs());
        assertEquals(0, s.restartDelayMs());
        assertEquals(0, s.expBackoffRestartDelayMs());
        assertEquals(Set.of(), s.stopExitCodes());
        assertEquals(1600, s.killTimeoutMs());
        assertEquals("SIGINT", s.killSignal());
        assertEquals(0, s.maxMemoryRestartBytes());
        assertNull(s.instanceVar());
        assertNull(s.outFile());
        assertNull(s.errorFile());
        assertNull(s.logDateFormat());
        assertTrue(s.timestamps());
        assertFalse(s.mergeLogs());
        assertEquals(0, s.port());
        assertNull(s.host());
        assertFalse(s.waitReady());
        assertNull(s.readyLine());
        assertEquals(3000, s.listenTimeoutMs());
        assertEquals(5000, s.drainTimeoutMs());
        assertEquals(AppSpec.LogRotation.DEFAULT, s.rotation());
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
                s.command());
        assertEquals(project.resolve("api"), s.cwd());
        assertEquals(4, s.instances());
        assertEquals(AppSpec.ExecMode.CLUSTER, s.mode());
        assertFalse(s.autorestart());
        assertEquals(3, s.maxRestarts());
        assertEquals(5000, s.minUptimeMs());
        assertEquals(250, s.restartDelayMs());
        assertEquals(100, s.expBackoffRestartDelayMs());
        assertEquals(Set.of(0), s.stopExitCodes());
        assertEquals(3000, s.killTimeoutMs());
        assertEquals(200L << 20, s.maxMemoryRestartBytes());
        assertEquals("INSTANCE_ID", s.instanceVar());
        assertEquals(project.resolve("api/logs/out.log"), s.outFile(), "log paths are relative to the app's cwd");
        assertEquals(Path.of("/var/log/api-err.log"), s.errorFile());
        assertEquals("yyyy-MM-dd HH:mm:ss.SSS xxx", s.logDateFormat());
        assertTrue(s.mergeLogs());
        assertEquals(3000, s.port());
        assertEquals("127.0.0.1", s.host());
        assertEquals("SIGTERM", s.killSignal());
        assertTrue(s.waitReady(), "ready_line implies wait_ready");
        assertEquals("listening on", s.readyLine());
        assertEquals(10_000, s.listenTimeoutMs());
        assertEquals(1500, s.drainTimeoutMs());
        assertEquals(new AppSpec.LogRotation(1 << 20, 3, true), s.rotation());
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
    void allErrorsOfAnAppAreReportedTogether() {
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
                        "app \"api\": port: 70000 is above 65535",
                        "app \"api\": log_date_format: \"MMMM Do\" uses moment token \"Do\", which jpm does not support",
                        "app \"api\": log_max_size: 100 is below 1024 bytes",
                        "app \"api\": min_uptime: \"soon\" is not a duration like 500ms, 5s or 1m",
                        "app \"api\": autorestart: \"yes\" is not true or false",
                        "app \"api\": stop_exit_codes: [0,300] holds 300, which is not an exit code 0..255",
                        "app \"api\": max_memory_restart: \"big\" is not a size like 512K, 200M or 1G",
                        "app \"api\": kill_signal: \"SIGFOO\" is not a signal jpm can send"),
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
                        "app \"api\": key \"watch\" is not supported yet and was ignored",
                        "app \"api\": key \"cron_restart\" is not supported yet and was ignored",
                        "app \"api\": key \"log_file\" is not supported yet and was ignored",
                        "app \"api\": key \"increment_var\" is not supported yet and was ignored",
                        "app \"api\": key \"colour\" is not a PM2 or jpm key and was ignored"),
                warnings("""
                        {'name': 'api', 'script': 'server.js', 'watch': ['src'], 'cron_restart': '0 * * * *',
                         'log_file': 'combined.log', 'increment_var': 'PORT', 'colour': 'blue'}
                        """));
    }

    @Test
    void unsupportedKeysSetToWhatJpmDoesAnywayAreQuiet() throws ConfigException {
        assertEquals(List.of(), warnings("""
                {'script': 'server.js', 'watch': false, 'vizion': false, 'pmx': false, 'autostart': true,
                 'source_map_support': false, 'ignore_watch': null}
                """));
    }

    @Test
    void interpreterFollowsTheExtension() throws ConfigException {
        assertEquals(
                List.of("/fake/bin/node", abs("mod.mjs")),
                spec("{'script': 'mod.mjs'}").command());
        assertEquals(
                List.of("/fake/bin/node", abs("lib.cjs")),
                spec("{'script': 'lib.cjs'}").command());
        assertEquals(
                List.of("/fake/bin/python3", abs("worker.py"), "-v"),
                spec("{'script': 'worker.py', 'args': '-v'}").command());
        assertEquals(
                List.of("/fake/bin/bash", abs("deploy.sh")),
                spec("{'script': './deploy.sh'}").command());
        assertEquals(
                List.of("/fake/bin/java", "-Xmx256m", "-jar", abs("app.jar"), "serve"),
                spec("{'script': 'app.jar', 'interpreter_args': ['-Xmx256m'], 'args': 'serve'}")
                        .command());
        assertEquals(
                List.of(abs("tool"), "x"),
                spec("{'script': 'tool', 'args': 'x'}").command());
    }

    @Test
    void explicitInterpreters() throws ConfigException {
        assertEquals(
                List.of(abs("deploy.sh")),
                spec("{'script': 'deploy.sh', 'interpreter': 'none'}").command());
        assertEquals(
                List.of("/fake/bin/node", "--harmony", abs("tool")),
                spec("{'script': 'tool', 'interpreter': 'node', 'node_args': '--harmony'}")
                        .command());
        assertEquals(
                List.of(abs("tool"), abs("server.js")),
                spec("{'script': 'server.js', 'interpreter': './tool'}").command());
        assertEquals(
                List.of("app \"x\": interpreter: \"./nope\" not found or not executable"),
                problems("{'name': 'x', 'script': 'server.js', 'interpreter': './nope'}"));
    }

    @Test
    void aMissingInferredInterpreterSaysWhyItWasNeeded() {
        parser = parser.withLookup(new FakeLookup("bash"));
        assertEquals(
                List.of("app \"server\": interpreter: \"node\" not found on PATH (needed to run \"server.js\")"),
                problems("{'script': 'server.js'}"));
    }

    @Test
    void aFileWithoutInterpreterMustBeExecutable() {
        assertEquals(
                List.of("app \"notes\": script: \"notes.txt\" is not executable;"
                        + " set an interpreter or make it executable"),
                problems("{'script': 'notes.txt'}"));
        assertEquals(
                List.of("app \"w\": script: \"worker.py\" is not executable; set an interpreter or make it executable"),
                problems("{'name': 'w', 'script': 'worker.py', 'interpreter': 'none'}"));
    }

    @Test
    void commandsOnPath() throws ConfigException {
        AppSpec sleep = spec("{'script': 'sleep', 'args': [3600]}");
        assertEquals("sleep", sleep.name());
        assertEquals(List.of("/fake/bin/sleep", "3600"), sleep.command());
        AppSpec server = spec("{'script': 'python3 -m http.server', 'args': '8080'}");
        assertEquals("python3", server.name());
        assertEquals(List.of("/fake/bin/python3", "-m", "http.server", "8080"), server.command());
        assertEquals(
                List.of("/fake/bin/npm", "run", "start:prod"),
                spec("{'name': 'web', 'script': 'npm', 'args': 'run start:prod', 'interpreter': 'none'}")
                        .command());
        assertEquals(
                List.of("/fake/bin/bash", "-c", "echo 'hi there'"),
                parser.parse(JSON.createObjectNode().put("script", "bash -c \"echo 'hi there'\""))
                        .spec()
                        .command());
        assertEquals(
                List.of("app \"python4\": script: \"python4 -m http.server\" not found"),
                problems("{'script': 'python4 -m http.server'}"));
        assertEquals(
                List.of("app \"x\": script: \"./sleep\" not found"), problems("{'name': 'x', 'script': './sleep'}"));
    }

    @Test
    void instances() throws ConfigException {
        assertEquals(8, spec("{'script': 'server.js', 'instances': 'max'}").instances());
        assertEquals(8, spec("{'script': 'server.js', 'instances': 'MAX'}").instances());
        assertEquals(8, spec("{'script': 'server.js', 'instances': 0}").instances());
        assertEquals(7, spec("{'script': 'server.js', 'instances': -1}").instances(), "PM2: all CPUs but one");
        assertEquals(7, spec("{'script': 'server.js', 'instances': '-1'}").instances());
        assertEquals(1, spec("{'script': 'server.js', 'instances': -20}").instances());
        assertEquals(4, spec("{'script': 'server.js', 'instances': 4}").instances());
        assertEquals(4, spec("{'script': 'server.js', 'instances': ' 4 '}").instances());
        assertEquals(
                List.of("app \"server\": instances: 5000 is above 1024"),
                problems("{'script': 'server.js', 'instances': 5000}"));
    }

    @Test
    void clusterModeNeedsAPort() throws ConfigException {
        assertEquals(
                List.of("app \"api\": port: missing; cluster mode needs the public port to balance"),
                problems("{'name': 'api', 'script': 'server.js', 'exec_mode': 'cluster'}"));
        assertEquals(
                List.of("app \"api\": port: missing; cluster mode needs the public port to balance"
                        + " (env PORT=3000 is not used for this)"),
                problems("{'name': 'api', 'script': 'server.js', 'exec_mode': 'cluster', 'env': {'PORT': 3000}}"));
        assertEquals(
                AppSpec.ExecMode.FORK,
                spec("{'script': 'server.js', 'exec_mode': 'fork_mode'}").mode());
    }

    @Test
    void balanceIsRoundRobinUnlessLeastConnectionsIsAskedFor() throws ConfigException {
        assertEquals(
                AppSpec.Balance.ROUND_ROBIN, spec("{'script': 'server.js'}").balance());
        assertEquals(
                AppSpec.Balance.LEAST_CONNECTIONS,
                spec("{'script': 'server.js', 'exec_mode': 'cluster', 'port': 80, 'balance': 'least-connections'}")
                        .balance());
        assertEquals(
                AppSpec.Balance.LEAST_CONNECTIONS,
                spec("{'script': 'server.js', 'balance': 'least_conn'}").balance());
        assertEquals(
                List.of("app \"server\": balance: \"random\" is not \"round-robin\" or \"least-connections\""),
                problems("{'script': 'server.js', 'balance': 'random'}"));
    }

    @Test
    void environmentLayersClientThenEnvThenProfile() throws ConfigException {
        String app = """
                {'script': 'server.js',
                 'env': {'NODE_ENV': 'development', 'DEBUG': true, 'WORKERS': 4, 'LANG': null, 'OPTS': {'a': [1]}},
                 'env_production': {'NODE_ENV': 'production', 'DB': 'prod-db'},
                 'env_staging': {'NODE_ENV': 'staging'}}
                """;
        Map<String, String> plain = spec(app).env();
        assertEquals("development", plain.get("NODE_ENV"));
        assertEquals("true", plain.get("DEBUG"));
        assertEquals("4", plain.get("WORKERS"));
        assertEquals("{\"a\":[1]}", plain.get("OPTS"));
        assertFalse(plain.containsKey("LANG"), "null removes a client variable");
        assertFalse(plain.containsKey("DB"));
        assertEquals("/home/ada", plain.get("HOME"));

        parser = parser.withProfile("production");
        Map<String, String> prod = spec(app).env();
        assertEquals("production", prod.get("NODE_ENV"));
        assertEquals("prod-db", prod.get("DB"));
        assertEquals("true", prod.get("DEBUG"));
    }

    @Test
    void aMissingProfileBlockIsWarnedAbout() throws ConfigException {
        parser = parser.withProfile("production");
        assertEquals(
                List.of("app \"server\": no env_production block; only env applies"),
                warnings("{'script': 'server.js', 'env': {'A': 1}}"));
        assertThrows(IllegalArgumentException.class, () -> parser.withProfile("prod uction"));
    }

    @Test
    void theAppPathIsUsedToFindCommands() throws ConfigException {
        ExecutableLookup seesPath = (name, env) -> env.get("PATH").equals("/opt/app/bin")
                ? java.util.Optional.of(Path.of("/opt/app/bin", name))
                : java.util.Optional.empty();
        parser = parser.withLookup(seesPath);
        assertEquals(
                List.of("/opt/app/bin/node", abs("server.js")),
                spec("{'script': 'server.js', 'env': {'PATH': '/opt/app/bin'}}").command());
    }

    @Test
    void logFiles() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'out_file': '~/logs/out.log', 'error_file': 'NULL'}");
        assertEquals(Path.of("/home/ada/logs/out.log"), s.outFile());
        assertEquals(Path.of("/dev/null"), s.errorFile());
        assertEquals(
                List.of("app \"server\": output was ignored: out_file is set"),
                warnings("{'script': 'server.js', 'out_file': 'a.log', 'output': 'b.log'}"));
    }

    @Test
    void timestampsAndReadiness() throws ConfigException {
        Parsed p = parser.parse(json("{'script': 'server.js', 'time': false, 'log_date_format': 'HH:mm'}"));
        assertFalse(p.spec().timestamps());
        assertEquals(List.of("app \"server\": log_date_format was ignored: time is false"), p.warnings());
        Parsed q = parser.parse(json("{'script': 'server.js', 'wait_ready': false, 'ready_line': 'up'}"));
        assertFalse(q.spec().waitReady());
        assertNull(q.spec().readyLine());
        assertEquals(List.of("app \"server\": ready_line was ignored: wait_ready is false"), q.warnings());
        AppSpec r = spec("{'script': 'server.js', 'wait_ready': true}");
        assertTrue(r.waitReady());
        assertNull(r.readyLine(), "no ready line: the supervisor probes the port");
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
