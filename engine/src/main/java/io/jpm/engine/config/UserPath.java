package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.Map;

/** Paths as users write them in app definitions: {@code ~} expansion and resolution against a folder. */
final class UserPath {

    private UserPath() {}

    /** Replaces a leading {@code ~} or {@code ~/} by the HOME of {@code env} (else the daemon's home). */
    static String expandHome(String path, Map<String, String> env) {
        if (!path.equals("~") && !path.startsWith("~/")) return path;
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return home + path.substring(1);
    }

    /** {@code path} made absolute against {@code base}, after {@code ~} expansion. */
    static Path resolve(Path base, String path, Map<String, String> env) {
        return base.resolve(expandHome(path, env)).toAbsolutePath().normalize();
    }
}
