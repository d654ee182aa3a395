package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Writes arbitrary bytes as an {@code ecosystem.json} and reads its apps: the file is either a list of app specs or a
 * {@link ConfigException} whose problems are single, non-empty lines; nothing else escapes.
 */
class EcosystemFileFuzzTest {
    private static Path dir;

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("jpm-ecosystem-fuzz");
    }

    @AfterAll
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "6s")
    void everyFileGivesAppsOrOneLineProblems(byte[] content) {
        Path file = dir.resolve("ecosystem.json");
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FakeLookup lookup = FakeLookup.usual();
        try {
            EcosystemFile eco = EcosystemFile.read(file, Map.of("PATH", "/fake/bin"), lookup, Duration.ofSeconds(5));
            List<AppSpecParser.Parsed> parsed = new AppSpecParser(Map.of("PATH", "/fake/bin"), dir)
                    .withLookup(lookup)
                    .withProcessors(2)
                    .parseAll(eco.apps());
            assertEquals(eco.apps().size(), parsed.size());
            for (AppSpecParser.Parsed p : parsed) {
                assertFalse(p.spec().name().isBlank(), "an app without a name");
                for (String w : p.warnings()) assertOneLine(w);
            }
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
            for (String problem : e.problems()) assertOneLine(problem);
        }
    }

    private static void assertOneLine(String s) {
        assertFalse(s.isBlank(), "a blank message");
        assertTrue(s.indexOf('\n') < 0 && s.indexOf('\r') < 0, () -> "a message on several lines: " + s);
    }
}
