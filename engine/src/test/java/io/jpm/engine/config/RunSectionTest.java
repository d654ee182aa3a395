package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run section: argv, interpreter, instances, exec mode and environment. */
class RunSectionTest extends ParserFixture {

    @Test
    void interpreterFollowsTheExtension() throws ConfigException {
        assertEquals(
                List.of("/fake/bin/node", abs("mod.mjs")),
                spec("{'script': 'mod.mjs'}").run().command());
        assertEquals(
                List.of("/fake/bin/node", abs("lib.cjs")),
                spec("{'script': 'lib.cjs'}").run().command());
        assertEquals(
                List.of("/fake/bin/python3", abs("worker.py"), "-v"),
                spec("{'script': 'worker.py', 'args': '-v'}").run().command());
        assertEquals(
                List.of("/fake/bin/bash", abs("deploy.sh")),
                spec("{'script': './deploy.sh'}").run().command());
        assertEquals(
                List.of("/fake/bin/java", "-Xmx256m", "-jar", abs("app.jar"), "serve"),
                spec("{'script': 'app.jar', 'interpreter_args': ['-Xmx256m'], 'args': 'serve'}")
                        .run()
                        .command());
        assertEquals(
                List.of(abs("tool"), "x"),
                spec("{'script': 'tool', 'args': 'x'}").run().command());
    }

    @Test
    void explicitInterpreters() throws ConfigException {
        assertEquals(
                List.of(abs("deploy.sh")),
                spec("{'script': 'deploy.sh', 'interpreter': 'none'}").run().command());
        assertEquals(
                List.of("/fake/bin/node", "--harmony", abs("tool")),
                spec("{'script': 'tool', 'interpreter': 'node', 'node_args': '--harmony'}")
                        .run()
                        .command());
        assertEquals(
                List.of(abs("tool"), abs("server.js")),
                spec("{'script': 'server.js', 'interpreter': './tool'}").run().command());
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
    void aFileWithoutInterpreterMustBeExecutable() throws IOException {
        Files.write(project.resolve("blob.bin"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        assertEquals(
                List.of("app \"blob\": script: \"blob.bin\" is not executable;"
                        + " set an interpreter or make it executable"),
                problems("{'script': 'blob.bin'}"));
        assertEquals(
                List.of("app \"w\": script: \"worker.py\" is not executable; set an interpreter or make it executable"),
                problems("{'name': 'w', 'script': 'worker.py', 'interpreter': 'none'}"));
    }

    @Test
    void commandsOnPath() throws ConfigException {
        AppSpec sleep = spec("{'script': 'sleep', 'args': [3600]}");
        assertEquals("sleep", sleep.name());
        assertEquals(List.of("/fake/bin/sleep", "3600"), sleep.run().command());
        AppSpec server = spec("{'script': 'python3 -m http.server', 'args': '8080'}");
        assertEquals("python3", server.name());
        assertEquals(
                List.of("/fake/bin/python3", "-m", "http.server", "8080"),
                server.run().command());
        assertEquals(
                List.of("/fake/bin/npm", "run", "start:prod"),
                spec("{'name': 'web', 'script': 'npm', 'args': 'run start:prod', 'interpreter': 'none'}")
                        .run()
                        .command());
        assertEquals(
                List.of("/fake/bin/bash", "-c", "echo 'hi there'"),
                parser.parse(JSON.createObjectNode().put("script", "bash -c \"echo 'hi there'\""))
                        .spec()
                        .run()
                        .command());
        assertEquals(
                List.of("app \"python4\": script: \"python4 -m http.server\" not found"),
                problems("{'script': 'python4 -m http.server'}"));
        assertEquals(
                List.of("app \"web\": script: \"serve\" is PM2's built-in static file server, which jpm does not have"),
                problems("{'name': 'web', 'script': 'serve', 'env': {'PM2_SERVE_PATH': './dist'}}"));
        assertEquals(
                List.of("app \"x\": script: \"./sleep\" not found"), problems("{'name': 'x', 'script': './sleep'}"));
    }

    @Test
    void instances() throws ConfigException {
        assertEquals(
                8, spec("{'script': 'server.js', 'instances': 'max'}").run().instances());
        assertEquals(
                8, spec("{'script': 'server.js', 'instances': 'MAX'}").run().instances());
        assertEquals(8, spec("{'script': 'server.js', 'instances': 0}").run().instances());
        assertEquals(7, spec("{'script': 'server.js', 'instances': -1}").run().instances(), "PM2: all CPUs but one");
        assertEquals(7, spec("{'script': 'server.js', 'instances': '-1'}").run().instances());
        assertEquals(1, spec("{'script': 'server.js', 'instances': -20}").run().instances());
        assertEquals(4, spec("{'script': 'server.js', 'instances': 4}").run().instances());
        assertEquals(
                4, spec("{'script': 'server.js', 'instances': ' 4 '}").run().instances());
        assertEquals(
                List.of("app \"server\": instances: 5000 is above 1024"),
                problems("{'script': 'server.js', 'instances': 5000}"));
    }

    @Test
    void environmentLayersClientThenEnvThenProfile() throws ConfigException {
        String app = """
                {'script': 'server.js',
                 'env': {'NODE_ENV': 'development', 'DEBUG': true, 'WORKERS': 4, 'LANG': null, 'OPTS': {'a': [1]}},
                 'env_production': {'NODE_ENV': 'production', 'DB': 'prod-db'},
                 'env_staging': {'NODE_ENV': 'staging'}}
                """;
        Map<String, String> plain = spec(app).run().env();
        assertEquals("development", plain.get("NODE_ENV"));
        assertEquals("true", plain.get("DEBUG"));
        assertEquals("4", plain.get("WORKERS"));
        assertEquals("{\"a\":[1]}", plain.get("OPTS"));
        assertFalse(plain.containsKey("LANG"), "null removes a client variable");
        assertFalse(plain.containsKey("DB"));
        assertEquals("/home/ada", plain.get("HOME"));

        parser = parser.withProfile("production");
        Map<String, String> prod = spec(app).run().env();
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
                spec("{'script': 'server.js', 'env': {'PATH': '/opt/app/bin'}}")
                        .run()
                        .command());
    }

    @Test
    void namespaceAndIncrementVarAsPm2ReadsThem() throws ConfigException {
        Run plain = spec("{'script': 'server.js'}").run();
        assertEquals("default", plain.namespace());
        assertEquals(null, plain.incrementVar());
        Run set = spec("{'script': 'server.js', 'namespace': 'shop', 'increment_var': 'PORT', 'env': {'PORT': 3000}}")
                .run();
        assertEquals("shop", set.namespace());
        assertEquals("PORT", set.incrementVar());
        assertEquals(
                List.of("app \"x\": namespace: \"a b\" is not a namespace (letters, digits, _ . @ -)"),
                problems("{'name': 'x', 'script': 'server.js', 'namespace': 'a b'}"));
        assertEquals(
                List.of("app \"x\": increment_var: \"A=B\" is not a valid variable name"),
                problems("{'name': 'x', 'script': 'server.js', 'increment_var': 'A=B'}"));
    }
}
