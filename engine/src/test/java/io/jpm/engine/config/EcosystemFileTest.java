package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.engine.config.AppSpecParser.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcosystemFileTest {

    /** A PM2 ecosystem file of the kind people commit, used without edits. */
    private static final String PM2_ECOSYSTEM = """
            {
              "apps": [
                {
                  "name": "api",
                  "script": "./api/index.js",
                  "instances": "max",
                  "exec_mode": "cluster",
                  "port": 3000,
                  "node_args": "--max-old-space-size=512",
                  "max_memory_restart": "300M",
                  "min_uptime": "10s",
                  "max_restarts": 10,
                  "restart_delay": 4000,
                  "kill_timeout": 5000,
                  "listen_timeout": 8000,
                  "wait_ready": true,
                  "merge_logs": true,
                  "watch": false,
                  "ignore_watch": ["node_modules", "logs"],
                  "log_date_format": "YYYY-MM-DD HH:mm:ss Z",
                  "out_file": "./logs/api-out.log",
                  "error_file": "./logs/api-error.log",
                  "env": {"NODE_ENV": "development", "LOG_LEVEL": "debug", "FEATURE_X": true, "WORKERS": 4},
                  "env_production": {"NODE_ENV": "production", "LOG_LEVEL": "info"}
                },
                {
                  "name": "worker",
                  "script": "worker.py",
                  "args": "--queue emails --concurrency 4",
                  "exp_backoff_restart_delay": 100,
                  "stop_exit_codes": [0],
                  "env": {"PYTHONUNBUFFERED": "1"},
                  "env_production": {"QUEUE_URL": "redis://prod:6379"}
                },
                {
                  "name": "nightly",
                  "script": "deploy.sh",
                  "autorestart": false,
                  "time": false,
                  "cron_restart": "0 3 * * *"
                },
                {
                  "script": "sleep",
                  "args": ["3600"],
                  "interpreter": "none",
                  "instances": 2
                }
              ],
              "deploy": {"production": {"user": "node", "host": "example.com", "ref": "origin/main"}}
            }
            """;

    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of("PATH", "/usr/bin", "HOME", "/home/ada");

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    private EcosystemFile read(Path file) throws ConfigException {
        return EcosystemFile.read(file, env, FakeLookup.usual(), Duration.ofSeconds(10));
    }

    @Test
    void withEnvProductionTheDeploySectionsVariablesGoUnderEachAppsOwn() throws Exception {
        // PM2's env-refresh e2e: deploy.production.env is the lowest layer of --env production
        EcosystemFile eco = read(write("deploy.json", """
                {"apps": [{"name": "a", "script": "a.js", "env": {"NODE_ENV": "production"}},
                          {"name": "b", "script": "b.js", "env": {"TEST_VARIABLE": "own"}},
                          {"name": "c", "script": "c.js", "env": "not variables"}],
                 "deploy": {"production": {"host": "example.org", "env": {"TEST_VARIABLE": "No worries!"}}}}
                """));
        List<ObjectNode> apps = eco.withDeployEnv(eco.apps(), "production");
        assertEquals("No worries!", apps.get(0).get("env").get("TEST_VARIABLE").asText());
        assertEquals("production", apps.get(0).get("env").get("NODE_ENV").asText());
        assertEquals("own", apps.get(1).get("env").get("TEST_VARIABLE").asText(), "the app's env wins");
        assertEquals("not variables", apps.get(2).get("env").asText(), "a bad env is left for the reader to report");
        assertFalse(eco.apps().get(0).get("env").has("TEST_VARIABLE"), "the file's apps are left as read");
        assertEquals(eco.apps(), eco.withDeployEnv(eco.apps(), null), "without --env nothing changes");
        assertEquals(eco.apps(), eco.withDeployEnv(eco.apps(), "staging"), "no such deploy target");
    }

    private String problem(Path file) {
        List<String> problems =
                assertThrows(ConfigException.class, () -> read(file)).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void aRealPm2EcosystemParsesWithoutEdits() throws Exception {
        write("api/index.js", "");
        write("worker.py", "");
        Path deploy = write("deploy.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwx------"));
        EcosystemFile eco = read(write("ecosystem.json", PM2_ECOSYSTEM));
        assertEquals(dir, eco.folder());
        AppSpecParser parser = new AppSpecParser(env, eco.folder())
                .withLookup(FakeLookup.usual())
                .withProcessors(4)
                .withProfile("production");
        List<Parsed> apps = parser.parseAll(eco.apps());

        assertEquals(
                List.of("api", "worker", "nightly", "sleep"),
                apps.stream().map(p -> p.spec().name()).toList());
        AppSpec api = apps.get(0).spec();
        assertEquals(4, api.run().instances());
        assertEquals(AppSpec.ExecMode.CLUSTER, api.run().mode());
        assertEquals(
                List.of(
                        "/fake/bin/node",
                        "--max-old-space-size=512",
                        dir.resolve("api/index.js").toString()),
                api.run().command());
        assertEquals("production", api.run().env().get("NODE_ENV"));
        assertEquals("info", api.run().env().get("LOG_LEVEL"));
        assertEquals("true", api.run().env().get("FEATURE_X"));
        assertEquals("/home/ada", api.run().env().get("HOME"));
        assertEquals(10_000, api.restart().minUptimeMs());
        assertEquals(300L << 20, api.restart().maxMemoryRestartBytes());
        assertEquals("yyyy-MM-dd HH:mm:ss xxx", api.logs().dateFormat());
        assertEquals(dir.resolve("logs/api-out.log"), api.logs().outFile());
        assertEquals(List.of(), apps.get(0).warnings());
        assertEquals(List.of("node_modules", "logs"), api.watch().ignore());
        assertFalse(api.watch().enabled());

        AppSpec worker = apps.get(1).spec();
        assertEquals(
                List.of(
                        "/fake/bin/python3",
                        dir.resolve("worker.py").toString(),
                        "--queue",
                        "emails",
                        "--concurrency",
                        "4"),
                worker.run().command());
        assertEquals("redis://prod:6379", worker.run().env().get("QUEUE_URL"));
        assertEquals(Set.of(0), worker.restart().stopExitCodes());
        assertEquals(100, worker.restart().expBackoffRestartDelayMs());

        assertEquals(
                List.of("app \"nightly\": no env_production block; only env applies"),
                apps.get(2).warnings());
        assertEquals("0 3 * * *", apps.get(2).spec().restart().cronRestart());
        assertEquals(
                List.of("/fake/bin/sleep", "3600"), apps.get(3).spec().run().command());
        assertEquals(2, apps.get(3).spec().run().instances());
    }

    @Test
    void yamlAndATopLevelList() throws ConfigException, IOException {
        EcosystemFile yaml = read(write("ecosystem.yml", """
                apps:
                  - name: api
                    script: server.js
                    env:
                      PORT: 3000
                  - script: worker.py
                """));
        assertEquals(
                List.of("api", "worker"),
                yaml.apps().stream().map(AppSpecParser::label).toList());
        assertEquals("3000", yaml.apps().get(0).get("env").get("PORT").asText());

        EcosystemFile list = read(write("apps.json", "[{\"script\": \"a.js\"}, {\"script\": \"b.js\"}]"));
        assertEquals(2, list.apps().size());
        EcosystemFile single = read(write("one.yaml", "apps:\n  script: a.js\n"));
        assertEquals(1, single.apps().size());
    }

    @Test
    void onlyPicksAppsByName() throws ConfigException, IOException {
        EcosystemFile eco = read(write("ecosystem.json", PM2_ECOSYSTEM));
        List<ObjectNode> picked = eco.only("sleep, api");
        assertEquals(
                List.of("api", "sleep"),
                picked.stream().map(AppSpecParser::label).toList());
        assertEquals(
                List.of("--only: no app named \"apii\" in ecosystem.json (apps: api, worker, nightly, sleep)"),
                assertThrows(ConfigException.class, () -> eco.only("api,apii")).problems());
    }

    @Test
    void brokenFilesGiveOneLineWithFileLineAndColumn() throws IOException {
        assertEquals(
                "ecosystem.json:3:3: Unexpected character ('\"' (code 34)): was expecting comma to separate Object"
                        + " entries",
                problem(write("ecosystem.json", "{\"apps\": [\n  {\"script\": \"a.js\"\n  \"name\": \"a\"}]}")));
        String yaml = problem(write("ecosystem.yaml", "apps:\n  - name: a\n   script: [b\n"));
        assertTrue(yaml.matches("ecosystem\\.yaml:\\d+:\\d+: .+"), yaml);
        assertEquals(
                "dup.json:1:26: Duplicate field 'script'",
                problem(write("dup.json", "[{\"script\": \"a\", \"script\": \"b\"}]")));
    }

    @Test
    void wrongShapes() throws IOException {
        assertEquals(
                "eco.json: no \"apps\" key (expected {\"apps\": [...]} or a list of apps)",
                problem(write("eco.json", "{\"app\": []}")));
        assertEquals(
                "eco2.json: apps[1] is not an object: \"b.js\"",
                problem(write("eco2.json", "{\"apps\": [{\"script\": \"a.js\"}, \"b.js\"]}")));
        assertEquals("eco3.json: \"apps\" is empty", problem(write("eco3.json", "{\"apps\": []}")));
        assertEquals("empty.yml: is empty", problem(write("empty.yml", "")));
        assertEquals(
                "eco.toml: not an ecosystem file (expected .json, .yaml, .yml or .js)", problem(write("eco.toml", "")));
        assertTrue(problem(dir.resolve("gone.json")).startsWith("gone.json: no such file ("));
    }

    @Test
    void jsonWithThePm2ToleranceOfAJavascriptExpression() throws ConfigException, IOException {
        EcosystemFile eco = read(write("ecosystem.json", """
                // comments, as in many committed files
                {
                  /* block comments too */
                  apps: [{
                    name: 'api', script: "server.js",
                    instances: +2, max_restarts: Infinity, min_uptime: .5,
                    env: {'A': 'x',},
                  },],
                }
                """));
        ObjectNode api = eco.apps().get(0);
        assertEquals("api", api.get("name").asText());
        assertEquals(2, api.get("instances").asInt());
        assertTrue(Double.isInfinite(api.get("max_restarts").asDouble()));
        assertEquals("x", api.get("env").get("A").asText());
    }

    @Test
    void jsonThatOnlyJavascriptReadsGoesThroughNodeAsInPm2() throws Exception {
        Path json = write("ecosystem.json", """
                {apps: [{name: 'hex', script: 'server.js', port: 0x1F90, env: {GONE: undefined, KEPT: 'y'}}]}
                """);
        EcosystemFile eco = readWithRealNode(json, Duration.ofSeconds(20));
        ObjectNode app = eco.apps().get(0);
        assertEquals(8080, app.get("port").asInt());
        assertTrue(app.get("env").get("GONE").isNull(), "undefined becomes null, which unsets the variable");
        assertEquals("y", app.get("env").get("KEPT").asText());
    }

    @Test
    void thePm2KeyAndASingleAppObject() throws ConfigException, IOException {
        assertEquals(
                "a",
                AppSpecParser.label(read(write("pm2.json", "{\"pm2\": [{\"name\": \"a\", \"script\": \"a.js\"}]}"))
                        .apps()
                        .get(0)));
        assertEquals(
                "one",
                AppSpecParser.label(read(write("one.json", "{\"name\": \"one\", \"script\": \"a.js\"}"))
                        .apps()
                        .get(0)));
        assertEquals(
                "b",
                AppSpecParser.label(read(write("cmd.yml", "cmd: node b.js\nname: b\n"))
                        .apps()
                        .get(0)));
    }

    @Test
    void javascriptUndefinedInsideAnAppBecomesNull() throws Exception {
        EcosystemFile esm = readWithRealNode(write("ecosystem.config.mjs", """
                        export const apps = [{name: 'm', script: 'x.js', instances: process.env.NOT_SET,
                          env_production: {DEBUG: undefined}}];
                        """), Duration.ofSeconds(20));
        assertTrue(esm.apps().get(0).get("instances").isNull());
        assertTrue(esm.apps().get(0).get("env_production").get("DEBUG").isNull());
    }

    @Test
    void yamlAnchorsAliasesAndMergeKeysAreResolvedAsJsYamlDoes() throws ConfigException, IOException {
        EcosystemFile yaml = read(write("ecosystem.yml", """
                common_env: &common
                  NODE_ENV: production
                  PORT: 3000
                defaults: &defaults
                  instances: 2
                  exec_mode: cluster
                apps:
                  - <<: *defaults
                    name: api
                    script: api.js
                    env: *common
                  - <<: *defaults
                    name: worker
                    script: worker.js
                    instances: 1
                """));
        ObjectNode api = yaml.apps().get(0);
        assertEquals(2, api.get("instances").asInt());
        assertEquals("cluster", api.get("exec_mode").asText());
        assertEquals("production", api.get("env").get("NODE_ENV").asText());
        assertEquals(3000, api.get("env").get("PORT").asInt());
        assertEquals(false, api.has("<<"));
        assertEquals(1, yaml.apps().get(1).get("instances").asInt(), "the app's own key wins over the merged one");

        String twice = problem(write("twice.yml", "apps:\n  - name: a\n    name: b\n    script: a.js\n"));
        assertTrue(twice.matches("twice\\.yml:\\d+:\\d+: found duplicate key name"), twice);
        String loop = problem(write("loop.yml", "apps: &a\n  - script: a.js\n    more: *a\n"));
        assertTrue(loop.startsWith("loop.yml"), loop);
    }

    @Test
    void ecosystemFileNames() {
        assertTrue(EcosystemFile.isEcosystemFile("ecosystem.config.js"));
        assertTrue(EcosystemFile.isEcosystemFile("pm2.JSON"));
        assertTrue(EcosystemFile.isEcosystemFile("apps.yml"));
        assertTrue(EcosystemFile.isEcosystemFile("x.config.cjs"));
        assertTrue(EcosystemFile.isEcosystemFile("ecosystem.config.mjs"));
        assertEquals(false, EcosystemFile.isEcosystemFile("server.js"));
    }

    @Test
    void javascriptWithoutNodeSaysSo() throws IOException {
        Path js = write("ecosystem.config.js", "module.exports = {apps: []}");
        List<String> problems = assertThrows(
                        ConfigException.class,
                        () -> EcosystemFile.read(js, env, new FakeLookup(), Duration.ofSeconds(5)))
                .problems();
        assertEquals(
                List.of("ecosystem.config.js: reading a JavaScript ecosystem file needs node, which is not on"
                        + " PATH; install node or convert the file to ecosystem.json"),
                problems);
    }

    private EcosystemFile readWithRealNode(Path file, Duration timeout) throws ConfigException {
        Map<String, String> realEnv = new HashMap<>(System.getenv());
        realEnv.put("DEPLOY_TARGET", "eu-west");
        assumeTrue(ExecutableLookup.onPath().find("node", realEnv).isPresent(), "node is not installed");
        return EcosystemFile.read(file, realEnv, ExecutableLookup.onPath(), timeout);
    }

    @Test
    void javascriptThroughNode() throws Exception {
        Path js = write("ecosystem.config.js", """
                const base = {autorestart: true, env: {REGION: process.env.DEPLOY_TARGET}};
                module.exports = {
                  apps: [
                    {...base, name: 'api', script: 'server.js', instances: 2},
                    {...base, name: 'worker', script: 'worker.py', log: () => 'functions are dropped'},
                  ],
                };
                """);
        EcosystemFile eco = readWithRealNode(js, Duration.ofSeconds(20));
        assertEquals(
                List.of("api", "worker"),
                eco.apps().stream().map(AppSpecParser::label).toList());
        assertEquals("eu-west", eco.apps().get(0).get("env").get("REGION").asText());
        assertEquals(false, eco.apps().get(1).has("log"));

        EcosystemFile esm = readWithRealNode(
                write("ecosystem.config.mjs", "export const apps = [{name: 'm', script: 'x.js'}];"),
                Duration.ofSeconds(20));
        assertEquals("m", AppSpecParser.label(esm.apps().get(0)));
    }

    @Test
    void anEsModuleIsReadAsPm2RequiresIt() throws IOException {
        // PM2 7.0.4 requires the file: node 20.19+ gives the namespace, {default: {...}}, which holds no apps
        Path mjs = write("ecosystem.config.mjs", "export default {apps: [{name: 'm', script: 'x.js'}]};");
        List<String> problems = assertThrows(ConfigException.class, () -> readWithRealNode(mjs, Duration.ofSeconds(20)))
                .problems();
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0).startsWith("ecosystem.config.mjs: ")
                        && problems.get(0).contains("export const apps"),
                problems.get(0));
    }

    @Test
    void whatAConfigPrintsWhileItLoadsDoesNotSpoilIt() throws Exception {
        // dotenv's notice, a console.log of the settings: PM2 requires the file and never reads its output
        Path js = write("ecosystem.config.js", """
                console.log('loading the config');
                process.stdout.write('{"apps": []}\\n');
                module.exports = {apps: [{name: 'chatty', script: 'server.js'}]};
                """);
        assertEquals(
                "chatty",
                AppSpecParser.label(
                        readWithRealNode(js, Duration.ofSeconds(20)).apps().get(0)));
    }

    @Test
    void javascriptErrorsAreOneLine() throws IOException {
        Path js = write("broken.config.js", "module.exports = {apps: [\n  {name: 'a' script: 'b'}]};\n");
        List<String> problems = assertThrows(ConfigException.class, () -> readWithRealNode(js, Duration.ofSeconds(20)))
                .problems();
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0).startsWith("broken.config.js: node could not load it: SyntaxError"), problems.get(0));
        assertTrue(problems.get(0).endsWith("(at broken.config.js:2)"), problems.get(0));
    }

    @Test
    void aHangingConfigIsStopped() throws IOException {
        Path js = write("hang.config.js", "while (true) {}");
        List<String> problems = assertThrows(ConfigException.class, () -> readWithRealNode(js, Duration.ofMillis(1500)))
                .problems();
        assertEquals(List.of("hang.config.js: node did not finish reading it within 1500 ms"), problems);
    }

    @Test
    void nodeErrorPicksTheErrorLine() {
        assertEquals("ReferenceError: x is not defined (at eco.js:3)", NodeConfigLoader.nodeError("""
                /tmp/eco.js:3
                x.y = 1
                ^

                ReferenceError: x is not defined
                    at Object.<anonymous> (/tmp/eco.js:3:1)
                """));
        assertEquals("Error: boom", NodeConfigLoader.nodeError("Error: boom\n    at foo (a.js:1:1)\n"));
        assertEquals("no message", NodeConfigLoader.nodeError(""));
    }
}
