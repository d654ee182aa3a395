package io.jpm.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThemeCatalogTest {

    @TempDir
    Path home;

    private Path themesDir() throws IOException {
        return Files.createDirectories(home.resolve("themes"));
    }

    private Path write(String file, String json) throws IOException {
        return Files.writeString(themesDir().resolve(file), json);
    }

    private ThemeCatalog load() {
        return ThemeCatalog.load(home.resolve("themes"));
    }

    private static List<String> names(ThemeCatalog catalog) {
        return catalog.themes().stream().map(Theme::name).toList();
    }

    @Test
    void builtInsComeInOrderWithDarkAsDefault() {
        ThemeCatalog catalog = ThemeCatalog.builtIns();
        assertEquals(List.of("dark", "light", "solarized-dark", "high-contrast", "monochrome"), names(catalog));
        assertEquals("dark", catalog.defaultTheme().name());
        assertEquals(List.of(), catalog.problems());
    }

    @Test
    void everyBuiltInHasEveryRoleAndAPalette() {
        for (Theme t : ThemeCatalog.builtIns().themes()) {
            for (Role r : Role.values()) assertTrue(t.paints().containsKey(r), t.name() + " lacks " + r.key());
            assertTrue(!t.appPalette().isEmpty(), t.name());
        }
    }

    @Test
    void monochromeUsesOnlyDefaultColors() {
        Theme mono = ThemeCatalog.builtIns().get("monochrome").orElseThrow();
        for (Role r : Role.values()) assertEquals(Color.DEFAULT, mono.color(r), r.key());
        assertEquals(List.of(Color.DEFAULT), mono.appPalette());
        assertTrue(mono.style(Role.SELECTION).has(Attribute.REVERSE));
    }

    @Test
    void selectionStaysVisibleAtEveryColorDepth() {
        for (Theme t : ThemeCatalog.builtIns().themes()) {
            for (ColorDepth depth : ColorDepth.values()) {
                Style sel = t.reducedTo(depth).style(Role.SELECTION);
                Style text = t.reducedTo(depth).style(Role.TEXT);
                boolean differs = !sel.background().equals(text.background()) || sel.has(Attribute.REVERSE);
                boolean monochromeBuiltIn =
                        depth == ColorDepth.MONOCHROME && !t.name().equals("monochrome");
                if (!monochromeBuiltIn) assertTrue(differs, t.name() + " at " + depth);
            }
        }
    }

    @Test
    void missingUserDirectoryMeansBuiltInsOnly() {
        ThemeCatalog catalog = load();
        assertEquals(5, catalog.themes().size());
        assertEquals(List.of(), catalog.problems());
    }

    @Test
    void userDirectoryThatIsAFileIsAProblem() throws IOException {
        Path file = Files.writeString(home.resolve("themes"), "oops");
        ThemeCatalog catalog = load();
        assertEquals(List.of(file + ": not a directory, so no user themes were read"), catalog.problems());
        assertEquals(5, catalog.themes().size());
    }

    @Test
    void rolesIterateInRoleOrder() {
        assertEquals(
                List.of(Role.values()),
                List.copyOf(ThemeCatalog.builtIns().defaultTheme().paints().keySet()));
    }

    @Test
    void userThemeOverridesSomeRolesAndInheritsTheRestFromDark() throws IOException {
        write("ocean.json", """
                {"name": "ocean", "colors": {"log.err": "#ff5555", "header": {"color": "33", "attributes": ["underline"]}}}
                """);
        ThemeCatalog catalog = load();
        assertEquals(List.of(), catalog.problems());
        assertEquals("ocean", names(catalog).get(5));
        Theme ocean = catalog.get("ocean").orElseThrow();
        Theme dark = catalog.defaultTheme();
        assertEquals(Color.parse("#ff5555"), ocean.color(Role.LOG_ERR));
        assertEquals(Paint.of(Color.indexed(33), Attribute.UNDERLINE), ocean.paint(Role.HEADER));
        assertEquals(dark.paint(Role.STATUS_ONLINE), ocean.paint(Role.STATUS_ONLINE));
        assertEquals(dark.appPalette(), ocean.appPalette());
    }

    @Test
    void userThemeCanExtendAnotherBuiltIn() throws IOException {
        write("paper.json", """
                {"extends": "light", "appPalette": ["red", 5, "#00ff00"]}
                """);
        Theme paper = load().get("paper").orElseThrow();
        Theme light = ThemeCatalog.builtIns().get("light").orElseThrow();
        assertEquals(light.paints(), paper.paints());
        assertEquals(List.of(Color.parse("red"), Color.indexed(5), Color.rgb(0, 255, 0)), paper.appPalette());
    }

    @Test
    void nameDefaultsToTheFileName() throws IOException {
        write("sunset.json", "{\"colors\": {\"text\": \"yellow\"}}");
        assertEquals(Color.parse("yellow"), load().get("sunset").orElseThrow().color(Role.TEXT));
    }

    @Test
    void userThemeNamedLikeABuiltInReplacesItInPlace() throws IOException {
        write("my-dark.json", "{\"name\": \"dark\", \"colors\": {\"text\": \"brightWhite\"}}");
        ThemeCatalog catalog = load();
        assertEquals(List.of("dark", "light", "solarized-dark", "high-contrast", "monochrome"), names(catalog));
        assertEquals(Color.parse("brightWhite"), catalog.defaultTheme().color(Role.TEXT));
    }

    @Test
    void userThemesFollowBuiltInsInFileNameOrderAndOtherFilesAreIgnored() throws IOException {
        write("b.json", "{}");
        write("a.json", "{}");
        write("notes.txt", "not a theme");
        assertEquals(List.of("a", "b"), names(load()).subList(5, 7));
        assertEquals(7, load().themes().size());
    }

    @Test
    void badJsonIsReportedWithFileAndPositionAndSkipped() throws IOException {
        write("broken.json", "{\"colors\": {\"text\": \"red\",}}");
        ThemeCatalog catalog = load();
        assertEquals(1, catalog.problems().size());
        String problem = catalog.problems().get(0);
        assertTrue(problem.startsWith("themes/broken.json: line 1, column 27: bad JSON: "), problem);
        assertTrue(catalog.get("broken").isEmpty());
        assertEquals("dark", catalog.defaultTheme().name());
    }

    @Test
    void badColorNamesFileKeyAndValue() throws IOException {
        write("ocean.json", "{\"colors\": {\"log.err\": \"#12345\"}}");
        ThemeCatalog catalog = load();
        assertEquals(
                List.of(
                        "themes/ocean.json: colors.log.err: \"#12345\" is not a color (use an ANSI name, 0-255 or #rrggbb)"),
                catalog.problems());
        assertTrue(catalog.get("ocean").isEmpty());
    }

    @Test
    void outOfRangeIndexIsABadColor() throws IOException {
        write("big.json", "{\"colors\": {\"text\": 300}}");
        assertEquals(
                List.of("themes/big.json: colors.text: \"300\" is not a color (use an ANSI name, 0-255 or #rrggbb)"),
                load().problems());
    }

    @Test
    void unknownRoleIsNamed() throws IOException {
        write("x.json", "{\"colors\": {\"status.sleeping\": \"red\"}}");
        String problem = load().problems().get(0);
        assertTrue(
                problem.startsWith("themes/x.json: colors.status.sleeping: unknown role (expected one of background, "),
                problem);
    }

    @Test
    void unknownTopLevelKeyIsNamed() throws IOException {
        write("x.json", "{\"colours\": {}}");
        assertEquals(
                List.of("themes/x.json: colours: unknown key (expected name, extends, colors or appPalette)"),
                load().problems());
    }

    @Test
    void badAttributeAndUnknownStyleKeyAreNamed() throws IOException {
        write("a.json", "{\"colors\": {\"header\": {\"color\": \"red\", \"attributes\": [\"bold\", \"blink\"]}}}");
        write("b.json", "{\"colors\": {\"header\": {\"colour\": \"red\"}}}");
        write("c.json", "{\"colors\": {\"header\": {\"attributes\": [\"bold\"]}}}");
        assertEquals(
                List.of(
                        "themes/a.json: colors.header.attributes[1]: \"blink\" is not an attribute (use bold, reverse, underline)",
                        "themes/b.json: colors.header.colour: unknown key (expected color or attributes)",
                        "themes/c.json: colors.header.color: missing (use \"default\" for none)"),
                load().problems());
    }

    @Test
    void wrongShapesAreNamed() throws IOException {
        write("a.json", "[]");
        write("b.json", "{\"appPalette\": []}");
        write("c.json", "{\"appPalette\": [\"red\", true]}");
        write("d.json", "{\"extends\": \"ocean\"}");
        write("e.json", "{\"name\": \"my theme\"}");
        write("f.json", "");
        assertEquals(
                List.of(
                        "themes/a.json: expected a JSON object, not an array",
                        "themes/b.json: appPalette: empty (give at least one color)",
                        "themes/c.json: appPalette[1]: expected a color, not true (use an ANSI name, 0-255 or #rrggbb)",
                        "themes/d.json: extends: \"ocean\" is not a built-in theme (use one of dark, light, solarized-dark, high-contrast, monochrome)",
                        "themes/e.json: name: \"my theme\" is not a theme name (use letters, digits, '.', '_' or '-')",
                        "themes/f.json: empty file (expected a JSON object)"),
                load().problems());
    }

    @Test
    void duplicateKeysAreBadJson() throws IOException {
        write("dup.json", "{\"colors\": {\"text\": \"red\", \"text\": \"blue\"}}");
        String problem = load().problems().get(0);
        assertTrue(problem.startsWith("themes/dup.json: line 1, column "), problem);
        assertTrue(problem.contains("Duplicate field 'text'"), problem);
    }

    @Test
    void secondFileWithTheSameNameIsSkipped() throws IOException {
        write("a.json", "{\"name\": \"ocean\", \"colors\": {\"text\": \"blue\"}}");
        write("b.json", "{\"name\": \"ocean\", \"colors\": {\"text\": \"green\"}}");
        ThemeCatalog catalog = load();
        assertEquals(List.of("themes/b.json: name: \"ocean\" is already used by themes/a.json"), catalog.problems());
        assertEquals(Color.parse("blue"), catalog.get("ocean").orElseThrow().color(Role.TEXT));
    }

    @Test
    void oneBadFileDoesNotHideTheGoodOnes() throws IOException {
        write("bad.json", "{");
        write("good.json", "{}");
        ThemeCatalog catalog = load();
        assertEquals(1, catalog.problems().size());
        assertTrue(catalog.get("good").isPresent());
    }

    @Test
    void selectGivesTheNamedThemeReducedToTheDepth() {
        ThemeCatalog catalog = ThemeCatalog.builtIns();
        Theme t = catalog.select("solarized-dark", ColorDepth.ANSI256);
        assertEquals("solarized-dark", t.name());
        assertEquals(Color.indexed(32), t.color(Role.SELECTION));
        assertEquals("dark", catalog.select(null, ColorDepth.TRUECOLOR).name());
        assertEquals(
                catalog.defaultTheme().paint(Role.TEXT),
                catalog.select(null, ColorDepth.TRUECOLOR).paint(Role.TEXT));
    }

    @Test
    void selectUsesMonochromeWhenTheTerminalHasNoColors() {
        ThemeCatalog catalog = ThemeCatalog.builtIns();
        Theme t = catalog.select("high-contrast", ColorDepth.detect(java.util.Map.of("NO_COLOR", "1")));
        assertEquals("monochrome", t.name());
        assertEquals(Set.of(Attribute.REVERSE), t.style(Role.SELECTION).attributes());
    }

    @Test
    void selectRejectsUnknownNamesListingTheKnownOnes() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> ThemeCatalog.builtIns().select("ocean", ColorDepth.ANSI16));
        assertEquals(
                "unknown theme: ocean (available: dark, light, solarized-dark, high-contrast, monochrome)",
                e.getMessage());
    }

    @Test
    void catalogListsAreImmutable() throws IOException {
        write("bad.json", "{");
        ThemeCatalog catalog = load();
        assertThrows(UnsupportedOperationException.class, () -> catalog.themes().clear());
        assertThrows(
                UnsupportedOperationException.class, () -> catalog.problems().clear());
        assertNotEquals(0, catalog.problems().size());
    }
}
