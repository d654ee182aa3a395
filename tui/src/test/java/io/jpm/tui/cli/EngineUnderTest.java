package io.jpm.tui.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the daemons that the end-to-end tests start run the engine of this build: the engine classes on the test
 * classpath (Maven puts the reactor's engine module there), through {@code bin/jpm-daemon} with
 * {@code JPM_DAEMON_CLASSPATH}. Fails loudly when those classes are not this tree's or are older than its sources,
 * so that a test never passes against stale code.
 */
final class EngineUnderTest {
    private static volatile Path script;

    private EngineUnderTest() {}

    /** Points the CLI at a launcher for this build's engine (once per test JVM). */
    static synchronized void install() {
        if (script != null) return;
        Path root = Path.of(System.getProperty("jpm.root", "")).toAbsolutePath();
        List<String> daemonPath = new ArrayList<>();
        Path engine = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty() || entry.contains("test-classes")) continue;
            daemonPath.add(entry);
            Path p = Path.of(entry).toAbsolutePath();
            if (p.startsWith(root.resolve("engine"))) engine = p;
            else if (p.getFileName().toString().startsWith("jpm-engine"))
                throw new AssertionError("the end-to-end tests must run this tree's engine, but the classpath has " + p
                        + "; run them through the reactor: mvn -pl tui -am verify");
        }
        if (engine == null) {
            throw new AssertionError("no engine of " + root + " on the test classpath; run: mvn -pl tui -am verify");
        }
        requireFresh(engine, root.resolve("engine/src/main"));
        try {
            Path dir = Files.createDirectories(root.resolve("tui/target"));
            Path s = dir.resolve("jpm-daemon-under-test");
            Files.writeString(
                    s,
                    "#!/bin/sh\n# written by EngineUnderTest: bin/jpm-daemon on this build's engine classes\n"
                            + "JPM_DAEMON_CLASSPATH='" + String.join(File.pathSeparator, daemonPath) + "'\n"
                            + "export JPM_DAEMON_CLASSPATH\nexec '" + root.resolve("bin/jpm-daemon") + "' \"$@\"\n");
            s.toFile().setExecutable(true);
            System.setProperty("jpm.daemon", s.toString());
            script = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails when a source file of the engine is newer than the newest of the classes that the tests would run. */
    private static void requireFresh(Path classes, Path sources) {
        FileTime built = newest(classes, ".class");
        if (Files.isRegularFile(classes)) built = modified(classes);
        FileTime edited = newest(sources, ".java");
        if (built.compareTo(edited) < 0) {
            throw new AssertionError("the engine classes at " + classes + " (" + built
                    + ") are older than its sources (" + edited + "); build through the reactor: "
                    + "mvn -pl tui -am verify");
        }
    }

    private static FileTime newest(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) return FileTime.fromMillis(0);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .map(EngineUnderTest::modified)
                    .max(FileTime::compareTo)
                    .orElse(FileTime.fromMillis(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
