package io.jpm.engine.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Finds a command name such as {@code node} on the PATH of an app's environment; a seam for tests. */
@FunctionalInterface
public interface ExecutableLookup {

    /**
     * The absolute path of the executable {@code name} (a bare name, without a slash) for an app whose environment
     * is {@code env}, or empty.
     */
    Optional<Path> find(String name, Map<String, String> env);

    /**
     * Searches the {@code PATH} of the app's environment, else the daemon's own, for a regular executable file.
     * Relative entries (such as {@code .}) are skipped: they would depend on the daemon's folder.
     */
    static ExecutableLookup onPath() {
        return (name, env) -> {
            String path = env.get("PATH");
            if (path == null) path = System.getenv("PATH");
            if (path == null || name.isEmpty() || name.contains("/")) return Optional.empty();
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty() || !dir.startsWith("/")) continue;
                try {
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
                } catch (InvalidPathException e) {
                    // a PATH entry with a NUL or similar: not a place to find anything
                }
            }
            return Optional.empty();
        };
    }
}
