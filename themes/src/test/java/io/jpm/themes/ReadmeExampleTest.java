package io.jpm.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the example in themes/README.md a theme that loads. */
class ReadmeExampleTest {

    @TempDir
    Path home;

    @Test
    void readmeExampleLoadsWithoutProblems() throws IOException {
        String readme = Files.readString(Path.of("README.md")); // surefire runs in the module directory
        int start = readme.indexOf("```json\n");
        assertTrue(start >= 0, "README.md has no ```json block");
        String json = readme.substring(start + 8, readme.indexOf("```", start + 8));
        Path dir = Files.createDirectories(home.resolve("themes"));
        Files.writeString(dir.resolve("ocean.json"), json);

        ThemeCatalog catalog = ThemeCatalog.load(dir);
        assertEquals(List.of(), catalog.problems());
        Theme ocean = catalog.get("ocean").orElseThrow();
        assertEquals(Color.parse("#ff5555"), ocean.color(Role.LOG_ERR));
        assertEquals(List.of(Color.parse("cyan"), Color.parse("#5fd7af"), Color.indexed(214)), ocean.appPalette());
    }
}
