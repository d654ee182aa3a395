package io.jpm.themes;

import io.jpm.themes.internal.ThemeFileException;
import io.jpm.themes.internal.ThemeReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The themes jpm knows: the built-ins, then the user's, with one line per theme file it skipped.
 *
 * <p>A user theme inherits every role it leaves out from the built-in it {@code extends} (dark by
 * default). A user theme named like a built-in replaces it in place. A file that cannot be read
 * or is wrong is skipped and reported in {@link #problems()}; loading itself never fails.
 */
public final class ThemeCatalog {

    public static final String DEFAULT_THEME = "dark";
    public static final String MONOCHROME_THEME = "monochrome";
    private static final List<String> BUILT_IN_NAMES =
            List.of(DEFAULT_THEME, "light", "solarized-dark", "high-contrast", MONOCHROME_THEME);

    private final List<Theme> themes;
    private final List<String> problems;

    private ThemeCatalog(List<Theme> themes, List<String> problems) {
        this.themes = List.copyOf(themes);
        this.problems = List.copyOf(problems);
    }

    /** The built-in theme names, default first. */
    public static List<String> builtInNames() {
        return BUILT_IN_NAMES;
    }

    /** A catalog of the built-in themes only. */
    public static ThemeCatalog builtIns() {
        return new ThemeCatalog(List.copyOf(BuiltIns.THEMES.values()), List.of());
    }

    /**
     * The built-ins plus every {@code *.json} file in {@code userDir} (in file-name order). A missing
     * directory just means no user themes.
     *
     * @param userDir usually {@code JPM_HOME/themes}
     */
    public static ThemeCatalog load(Path userDir) {
        Objects.requireNonNull(userDir, "userDir");
        Map<String, Theme> byName = new LinkedHashMap<>(BuiltIns.THEMES);
        Map<String, String> userFileOf = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : themeFiles(userDir, problems)) {
            String shown = shown(userDir, file);
            String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
            try {
                Theme theme = ThemeReader.read(Files.readAllBytes(file), stem, BuiltIns.THEMES, DEFAULT_THEME);
                String earlier = userFileOf.putIfAbsent(theme.name(), shown);
                if (earlier != null) {
                    problems.add(shown + ": name: \"" + theme.name() + "\" is already used by " + earlier);
                    continue;
                }
                byName.put(theme.name(), theme);
            } catch (ThemeFileException e) {
                problems.add(shown + ": " + e.getMessage());
            } catch (IOException e) {
                problems.add(shown + ": cannot read: " + e.getMessage());
            }
        }
        return new ThemeCatalog(List.copyOf(byName.values()), problems);
    }

    private static List<Path> themeFiles(Path dir, List<String> problems) {
        if (!Files.exists(dir)) return List.of();
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": not a directory, so no user themes were read");
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) files.add(p);
            }
        } catch (IOException e) {
            problems.add(dir + ": cannot list themes: " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    /** The file as problems show it: {@code themes/ocean.json}. */
    private static String shown(Path dir, Path file) {
        Path dirName = dir.getFileName();
        return dirName == null
                ? file.toString()
                : dirName.resolve(file.getFileName()).toString();
    }

    /** All themes: built-ins in {@link #builtInNames()} order, then user themes by file name. */
    public List<Theme> themes() {
        return themes;
    }

    public Optional<Theme> get(String name) {
        Objects.requireNonNull(name, "name");
        return themes.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The dark theme (the user's own if they replaced it). */
    public Theme defaultTheme() {
        return get(DEFAULT_THEME).orElseThrow();
    }

    /** One line per skipped file, such as {@code themes/ocean.json: colors.log.err: "#12345" is not a color (…)}. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The theme to draw with: the named one (the default when {@code name} is null), or monochrome
     * when the terminal shows no colors, reduced to {@code depth}.
     *
     * @throws IllegalArgumentException when no theme has that name; the message lists those that do
     */
    public Theme select(String name, ColorDepth depth) {
        Objects.requireNonNull(depth, "depth");
        Theme chosen = name == null
                ? defaultTheme()
                : get(name)
                        .orElseThrow(() -> new IllegalArgumentException("unknown theme: " + name + " (available: "
                                + String.join(
                                        ", ", themes.stream().map(Theme::name).toList()) + ")"));
        if (depth == ColorDepth.MONOCHROME) chosen = get(MONOCHROME_THEME).orElseThrow();
        return chosen.reducedTo(depth);
    }

    /** Holds the built-in themes, read once from the classpath. */
    private static final class BuiltIns {
        static final Map<String, Theme> THEMES = readAll();

        private static Map<String, Theme> readAll() {
            Map<String, Theme> themes = new LinkedHashMap<>();
            for (String name : BUILT_IN_NAMES) {
                String resource = "/io/jpm/themes/" + name + ".json";
                try (InputStream in = ThemeCatalog.class.getResourceAsStream(resource)) {
                    if (in == null) throw new IllegalStateException("built-in theme missing: " + resource);
                    Theme theme = ThemeReader.readStrict(in.readAllBytes(), name);
                    if (!theme.name().equals(name)) {
                        throw new IllegalStateException(resource + ": name is " + theme.name() + ", expected " + name);
                    }
                    themes.put(name, theme);
                } catch (ThemeFileException e) {
                    throw new IllegalStateException(resource + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new UncheckedIOException(resource, e);
                }
            }
            return java.util.Collections.unmodifiableMap(themes);
        }
    }
}
