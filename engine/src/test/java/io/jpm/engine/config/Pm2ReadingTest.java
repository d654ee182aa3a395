package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.config.AppSpecParser.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PM2's reading of the keys, with the expected values taken from PM2 7.0.4 itself: the same apps were started with
 * {@code pm2 start eco.config.js --env production} on a 2-CPU machine and read back with {@code pm2 jlist}
 * ({@code exec_mode}, {@code instances}, {@code pm_exec_path}, {@code args}, {@code node_args}, {@code pm_cwd},
 * {@code env}, {@code name}). docs/pm2-compat.md lists the rules.
 */
class Pm2ReadingTest extends ParserFixture {

    @BeforeEach
    void twoProcessorsAsOnThePm2Machine() throws IOException {
        Files.createDirectories(project.resolve("sub"));
        Files.writeString(project.resolve("sub/server.js"), "");
        parser = parser.withProcessors(2);
    }

    private record Mode(AppSpec.ExecMode mode, int instances) {}

    private Mode mode(String app) throws ConfigException {
        AppSpec s = spec(app);
        return new Mode(s.run().mode(), s.run().instances());
    }

    @Test
    void execModeDefaultsOfPm2() throws ConfigException {
        var cluster = AppSpec.ExecMode.CLUSTER;
        var fork = AppSpec.ExecMode.FORK;
        assertEquals(new Mode(cluster, 4), mode("{'script': 'server.js', 'instances': 4}"));
        assertEquals(new Mode(cluster, 2), mode("{'script': 'server.js', 'instances': '2'}"));
        assertEquals(new Mode(cluster, 2), mode("{'script': 'server.js', 'instances': 'max'}"));
        assertEquals(new Mode(cluster, 1), mode("{'script': 'server.js', 'instances': -1}"));
        assertEquals(new Mode(cluster, 2), mode("{'script': 'server.js', 'instances': 0}"));
        assertEquals(new Mode(cluster, 1), mode("{'script': 'server.js', 'instances': 1}"));
        assertEquals(new Mode(fork, 1), mode("{'script': 'server.js'}"));
        assertEquals(new Mode(cluster, 2), mode("{'script': 'server.js', 'exec_mode': 'cluster', 'instances': 2}"));
        assertEquals(new Mode(fork, 2), mode("{'script': 'sleep', 'args': '600', 'instances': 2}"), "not node");
        assertEquals(new Mode(fork, 2), mode("{'script': 'server.js', 'exec_mode': 'fork', 'instances': 2}"));
    }

    @Test
    void aClusterWithoutPortIsNodesOwnClusterMode() throws ConfigException {
        AppSpec s = spec("{'name': 'clu-noport', 'script': 'server.js', 'exec_mode': 'cluster', 'instances': 2}");
        assertTrue(s.cluster().nodeCluster());
        assertEquals(ClusterSettings.NO_PORT, s.cluster().port());
    }

    @Test
    void cmdIsScriptAndExecInterpreterIsInterpreter() throws ConfigException {
        assertEquals(
                List.of("/fake/bin/node", abs("server.js")),
                spec("{'cmd': 'server.js'}").run().command());
        assertEquals("server", spec("{'cmd': 'server.js'}").name());
        assertEquals(
                List.of("/fake/bin/node", "--max-old-space-size=100", abs("server.js"), "x", "y"),
                spec("""
                        {'name': 'interp', 'script': 'server.js', 'exec_interpreter': 'node',
                         'node_args': '--max-old-space-size=100', 'args': ['x', 'y']}
                        """).run().command());
        assertEquals(
                List.of("app \"a\": cmd was ignored: script is set"),
                warnings("{'name': 'a', 'script': 'server.js', 'cmd': 'other.js'}"));
    }

    @Test
    void aCommandLineScriptInAFileRunsWithBashAndDropsArgs() throws ConfigException {
        parser = parser.forEcosystemFile();
        Parsed p = parser.parse(json("{'name': 'spaced', 'script': 'sleep 600', 'args': '5'}"));
        assertEquals(
                List.of("/fake/bin/bash", "-c", "sleep 600"), p.spec().run().command(), "PM2: args ['-c', line]");
        assertEquals(
                List.of(
                        "app \"spaced\": args were ignored: the script is a command line, run with bash -c as PM2 does"),
                p.warnings());
        // shell syntax works, as under PM2; without a name, the app is named after the whole line
        AppSpec chained =
                parser.parse(json("{'script': 'npm run build && npm start'}")).spec();
        assertEquals(
                List.of("/fake/bin/bash", "-c", "npm run build && npm start"),
                chained.run().command());
        assertEquals("npm run build && npm start", chained.name());
        assertEquals(
                "app",
                parser.parse(json("{'script': 'node dist/app.js'}")).spec().name(),
                "PM2's basename");
    }

    @Test
    void aCommandLineWithShellSyntaxRunsWithBashFromTheCliToo() throws ConfigException {
        // PM2's start-app e2e: pm2 start "cc hello.c; ./a.out"
        AppSpec compiled =
                parser.parse(json("{'script': 'cc hello.c; ./a.out'}")).spec();
        assertEquals(
                List.of("/fake/bin/bash", "-c", "cc hello.c; ./a.out"),
                compiled.run().command());
        // without shell syntax the command line is still split into a program and its arguments
        assertEquals(
                List.of("/fake/bin/sleep", "600"),
                parser.parse(json("{'script': 'sleep 600'}")).spec().run().command());
    }

    @Test
    void aTextFileWithoutExtensionRunsWithNodeAsInPm2() throws ConfigException, IOException {
        // express's bin/www: no extension, no #! line, not executable; PM2 hands any text file to node
        Files.createDirectories(project.resolve("bin"));
        Files.writeString(project.resolve("bin/www"), "var app = require('../app');\n");
        AppSpec www = spec("{'name': 'www', 'script': './bin/www', 'instances': 2}");
        assertEquals(List.of("/fake/bin/node", abs("bin/www")), www.run().command());
        assertEquals(AppSpec.ExecMode.CLUSTER, www.run().mode(), "node with instances: cluster, as PM2");
        // a #! line naming node is node too (node_modules/.bin/next)
        Files.writeString(project.resolve("bin/next"), "#!/usr/bin/env node\nrequire('x');\n");
        Files.setPosixFilePermissions(project.resolve("bin/next"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(
                List.of("/fake/bin/node", abs("bin/next")),
                spec("{'script': 'bin/next'}").run().command());
        // jpm's one exception: an executable script with a #! line of its own runs directly
        assertEquals(List.of(abs("tool")), spec("{'script': 'tool'}").run().command());
    }

    @Test
    void pm2sInterpretersByExtension() throws ConfigException, IOException {
        Files.writeString(project.resolve("job.rb"), "");
        Files.writeString(project.resolve("api.ts"), "");
        parser = parser.withLookup(new FakeLookup("ruby", "bun"));
        assertEquals(
                List.of("/fake/bin/ruby", abs("job.rb")),
                spec("{'script': 'job.rb'}").run().command());
        assertEquals(
                List.of("/fake/bin/bun", abs("api.ts")),
                spec("{'script': 'api.ts'}").run().command());
    }

    @Test
    void portIsExportedAsPortInForkMode() throws ConfigException {
        AppSpec s = spec("{'name': 'forkport', 'script': 'server.js', 'port': 4000}");
        assertEquals(AppSpec.ExecMode.FORK, s.run().mode());
        assertEquals("4000", s.run().env().get("PORT"));
    }

    @Test
    void envProfileMergingWithUndefinedAndAppendEnvToName() throws ConfigException {
        parser = parser.withProfile("production");
        // JavaScript's undefined reaches the parser as null (EcosystemFile keeps it so)
        AppSpec s = spec("""
                {'name': 'envs', 'script': 'server.js', 'env': {'A': 'a', 'B': 'b', 'C': 'c'},
                 'env_production': {'A': 'prod', 'B': null}, 'append_env_to_name': true}
                """);
        assertEquals("envs-production", s.name());
        Map<String, String> env = s.run().env();
        assertEquals("prod", env.get("A"));
        assertFalse(env.containsKey("B"), "undefined in env_production unsets the variable");
        assertEquals("c", env.get("C"));
    }

    @Test
    void cwdAndLogFilesAreRelativeToTheFileThenTheAppsCwd() throws ConfigException {
        AppSpec s = spec("{'name': 'cwdrel', 'script': 'server.js', 'cwd': 'sub', 'out_file': 'o.log'}");
        assertEquals(project.resolve("sub"), s.run().cwd());
        assertEquals(List.of("/fake/bin/node", abs("sub/server.js")), s.run().command());
        assertEquals(project.resolve("sub/o.log"), s.logs().outFile());
    }

    @Test
    void instanceVarTakesAnyName() throws ConfigException {
        assertEquals(
                "fulfillment-server",
                spec("{'script': 'server.js', 'instance_var': 'fulfillment-server'}")
                        .run()
                        .instanceVar(),
                "PM2 takes a name a shell could not export; node reads it all the same");
        assertEquals(
                "MY_ID",
                spec("{'script': 'server.js', 'instance_var': 'MY_ID'}").run().instanceVar());
        assertEquals(
                "lower_case_ok",
                spec("{'script': 'server.js', 'instance_var': 'lower_case_ok'}")
                        .run()
                        .instanceVar());
    }

    @Test
    void aFalsyValueUnderAKeyWithAnUnderscoreIsAbsentInAFileAsInPm2() throws ConfigException {
        // PM2's Config.validateJSON falls back to the camelCase alias (logDateFormat) when the value is falsy
        parser = parser.forEcosystemFile();
        Parsed p = parser.parse(json("""
                {'name': 'nero', 'script': 'server.js', 'log_date_format': false, 'max_restarts': 0,
                 'kill_timeout': 0, 'node_args': '', 'instance_var': ''}
                """));
        assertEquals(null, p.spec().logs().dateFormat());
        assertEquals(16, p.spec().restart().maxRestarts(), "PM2's default, not 0");
        assertEquals(1600, p.spec().restart().killTimeoutMs());
        assertEquals(List.of("/fake/bin/node", abs("server.js")), p.spec().run().command());
        assertEquals(List.of(), p.warnings());
        // a key without an underscore keeps its falsy value (its alias is itself), and so does the command line
        assertFalse(
                spec("{'script': 'server.js', 'autorestart': false}").restart().autorestart());
        parser = new AppSpecParser(CLIENT_ENV, project).withLookup(lookup);
        assertEquals(
                List.of("app \"x\": log_date_format: false is not a string"),
                problems("{'name': 'x', 'script': 'server.js', 'log_date_format': false}"));
    }

    @Test
    void aFileAppWhoseCwdIsMissingIsKeptWhenItsScriptIsFoundAsPm2ListsItErrored() throws ConfigException {
        // PM2 resolves a PATH command or an absolute script without the folder, and the spawn fails: errored
        parser = parser.forEcosystemFile();
        Parsed p = parser.parse(json("{'name': 'gone', 'script': 'sleep', 'args': '600', 'cwd': '/srv/nowhere'}"));
        assertEquals(java.nio.file.Path.of("/srv/nowhere"), p.spec().run().cwd());
        assertEquals(List.of("/fake/bin/sleep", "600"), p.spec().run().command());
        assertEquals(List.of("app \"gone\": cwd \"/srv/nowhere\" is not a folder: the app cannot start"), p.warnings());
        // a script under the missing folder is not found: the app is left out, as PM2 leaves it out
        var each = parser.parseEach(List.of(json("{'name': 'rel', 'script': 'app.js', 'cwd': '/srv/nowhere'}")));
        assertEquals(List.of(), each.parsed());
        assertEquals(List.of("app \"rel\": script: \"app.js\" not found"), each.skipped());
    }
}
