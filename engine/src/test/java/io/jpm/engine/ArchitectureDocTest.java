package io.jpm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/ARCHITECTURE.md true: every class, {@code Class.member}, path, thread name and variable it names in
 * backticks must exist in the tree.
 */
class ArchitectureDocTest {
    /** Words in backticks that are the user's words (a verb, an app name), not the code's. */
    private static final Set<String> PROSE = Set.of("jpm", "describe", "web", "backticks", "Class.method", ".java");

    private static final Pattern TICKED = Pattern.compile("`([^`]+)`");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern DECLARATION = Pattern.compile("(?:class|interface|record|enum) ([A-Z][A-Za-z0-9]*)");
    private static final Pattern MEMBER = Pattern.compile("([A-Z][A-Za-z0-9]*)\\.([A-Za-z][A-Za-z0-9]*)");

    private final Path root = Path.of(System.getProperty("jpm.root", "..")).toAbsolutePath();

    @Test
    void everyNameItMentionsExists() throws IOException {
        String doc = Files.readString(root.resolve("docs/ARCHITECTURE.md"));
        String sources = allSources();
        assertTrue(sources.contains("@@ArchitectureDocTest.java"), "the tree's sources were not found under " + root);
        List<String> missing = new ArrayList<>();
        Matcher m = TICKED.matcher(doc);
        int checked = 0;
        while (m.find()) {
            String name = m.group(1);
            if (PROSE.contains(name) || name.contains(" ") || name.startsWith("/")) continue;
            checked++;
            if (!exists(name, sources)) missing.add(name);
        }
        assertEquals(List.of(), missing, "names in docs/ARCHITECTURE.md that the tree does not have");
        assertTrue(checked > 50, "the check saw only " + checked + " names");
    }

    private boolean exists(String name, String sources) {
        Matcher member = MEMBER.matcher(name);
        if (member.matches()) {
            return declares(member.group(1), sources) && source(member.group(1)).contains(member.group(2));
        }
        if (TYPE.matcher(name).matches()) return declares(name, sources);
        if (name.contains("/") || name.endsWith(".md") || name.endsWith(".java")) {
            return Files.exists(root.resolve(name)) || sources.contains("\n@@" + name + "\n");
        }
        if (name.matches("[a-z]+")) return Files.isDirectory(root.resolve(name)) || enginePackage(name);
        return sources.contains(name); // thread names, variables
    }

    private Set<String> declared;

    private boolean declares(String type, String sources) {
        if (declared == null) {
            Set<String> names = new java.util.HashSet<>();
            Matcher m = DECLARATION.matcher(sources);
            while (m.find()) names.add(m.group(1));
            declared = names;
        }
        return declared.contains(type);
    }

    private boolean enginePackage(String name) {
        return Files.isDirectory(
                root.resolve("engine/src/main/java/io/jpm/engine").resolve(name));
    }

    /** The text of the file declaring top-level type {@code type}, or of all sources when it is nested. */
    private String source(String type) {
        Path file = files().stream()
                .filter(p -> p.getFileName().toString().equals(type + ".java"))
                .findFirst()
                .orElse(null);
        return file == null ? allSources() : read(file);
    }

    /** Every Java source and launcher script, each preceded by a line {@code @@<file name>}. */
    private String allSources() {
        StringBuilder all = new StringBuilder();
        for (Path p : files())
            all.append("\n@@").append(p.getFileName()).append('\n').append(read(p));
        return all.toString();
    }

    private List<Path> files;

    /** The Java sources of every module (main and test) and the launcher scripts in bin/. */
    private List<Path> files() {
        if (files != null) return files;
        List<Path> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path m : (Iterable<Path>) modules::iterator) {
                Path src = m.resolve("src");
                if (!Files.isDirectory(src)) continue;
                try (Stream<Path> java = Files.walk(src)) {
                    java.filter(p -> p.toString().endsWith(".java")).forEach(found::add);
                }
            }
            try (Stream<Path> bin = Files.list(root.resolve("bin"))) {
                bin.filter(Files::isRegularFile).forEach(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files = List.copyOf(found);
        return files;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
