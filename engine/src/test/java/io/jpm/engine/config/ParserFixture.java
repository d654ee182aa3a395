package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The parser, a project folder with scripts in it, and helpers to parse one app written in JSON with ' quotes. */
abstract class ParserFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> CLIENT_ENV =
            Map.of("PATH", "/usr/local/bin:/usr/bin", "HOME", "/home/ada", "LANG", "C.UTF-8", "NODE_ENV", "client");

    @TempDir
    Path project;

    FakeLookup lookup;
    AppSpecParser parser;

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

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    AppSpec spec(String app) throws ConfigException {
        return parser.parse(json(app)).spec();
    }

    List<String> problems(String app) {
        return assertThrows(ConfigException.class, () -> parser.parse(json(app)))
                .problems();
    }

    List<String> warnings(String app) throws ConfigException {
        return parser.parse(json(app)).warnings();
    }

    String abs(String file) {
        return project.resolve(file).toString();
    }
}
