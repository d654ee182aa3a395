package io.jpm.engine.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code script}, {@code args}, {@code interpreter} and {@code interpreter_args} into the argv of a worker.
 *
 * <p>The script is looked for as a file relative to the app's folder, then, if it has no slash, as a command on the
 * app's PATH. Failing both, a script with blanks ({@code "python3 -m http.server"}) is split into a command and its
 * first arguments; in an ecosystem file, {@code args} is then ignored, as in PM2 (which runs such a line with
 * {@code bash -c}). The interpreter, when not given, follows the extension: {@code .js .cjs .mjs} node, {@code .py}
 * python3, {@code .sh} bash, {@code .jar} {@code java -jar}; anything else runs directly and must be executable.
 * {@code interpreter: "none"} always runs the script directly. Every program in the argv is an absolute path, since
 * the JVM resolves a bare argv[0] on the daemon's PATH, not the app's.
 */
final class CommandBuilder {

    private final AppReader reader;
    private final Path cwd;
    private final Map<String, String> env;
    private final ExecutableLookup lookup;
    private final boolean commandLineDropsArgs;
    private final Set<Path> onPath = new HashSet<>(); // scripts the lookup found on PATH

    /** @param commandLineDropsArgs PM2's rule for ecosystem files: a script with blanks ignores {@code args} */
    CommandBuilder(
            AppReader reader,
            Path cwd,
            Map<String, String> env,
            ExecutableLookup lookup,
            boolean commandLineDropsArgs) {
        this.reader = reader;
        this.cwd = cwd;
        this.env = env;
        this.lookup = lookup;
        this.commandLineDropsArgs = commandLineDropsArgs;
    }

    /** The argv, or null after recording why there is none. */
    List<String> build(String script, List<String> args, String interpreter, List<String> interpreterArgs) {
        if (script.isBlank()) {
            reader.error(Settings.SCRIPT.key(), quote(script) + " is empty");
            return null;
        }
        List<String> leadingArgs = List.of();
        Path file = locate(script);
        if (file == null && script.strip().chars().anyMatch(Character::isWhitespace)) {
            List<String> words;
            try {
                words = ShellWords.split(script);
            } catch (IllegalArgumentException e) {
                reader.error(Settings.SCRIPT.key(), quote(script) + " " + e.getMessage());
                return null;
            }
            if (!words.isEmpty()) {
                file = locate(words.get(0));
                leadingArgs = words.subList(1, words.size());
            }
            if (commandLineDropsArgs && file != null && !args.isEmpty()) { // PM2's bash -c replaces args
                reader.warn("args were ignored: the script is a command line, which PM2 runs without them");
                args = List.of();
            }
        }
        if (file == null) {
            reader.error(Settings.SCRIPT.key(), quote(script) + " not found");
            return null;
        }
        boolean inferred = interpreter == null;
        String program = inferred ? interpreterFor(file) : interpreter;
        List<String> argv = new ArrayList<>();
        if (program == null || program.equals("none")) {
            if (!Files.isExecutable(file) && !onPath.contains(file)) { // the lookup vouches for what it found
                reader.error(
                        Settings.SCRIPT.key(),
                        quote(script) + " is not executable; set an interpreter or make it executable");
                return null;
            }
            if (!interpreterArgs.isEmpty()) {
                reader.warn("interpreter_args were ignored: \"" + file.getFileName() + "\" runs directly");
            }
            argv.add(file.toString());
        } else {
            Path exe = executable(program);
            if (exe == null) {
                String where = program.contains("/") ? " not found or not executable" : " not found on PATH";
                String why =
                        inferred ? " (needed to run " + quote(file.getFileName().toString()) + ")" : "";
                reader.error(Settings.INTERPRETER.key(), quote(program) + where + why);
                return null;
            }
            argv.add(exe.toString());
            argv.addAll(interpreterArgs);
            if (exe.getFileName().toString().equals("java") && file.toString().endsWith(".jar")) argv.add("-jar");
            argv.add(file.toString());
        }
        argv.addAll(leadingArgs);
        argv.addAll(args);
        return argv;
    }

    /** A regular file at {@code name} relative to cwd, or a command on PATH when it has no slash; else null. */
    private Path locate(String name) {
        if (name.isEmpty()) return null;
        try {
            Path p = cwd.resolve(UserPath.expandHome(name, env)).normalize();
            if (Files.isRegularFile(p)) return p;
        } catch (InvalidPathException e) {
            return null;
        }
        if (name.contains("/")) return null;
        Path found = lookup.find(name, env).orElse(null);
        if (found != null) onPath.add(found);
        return found;
    }

    private Path executable(String program) {
        if (!program.contains("/")) return lookup.find(program, env).orElse(null);
        try {
            Path p = cwd.resolve(UserPath.expandHome(program, env)).normalize();
            return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String interpreterFor(Path script) {
        String name = script.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "js", "cjs", "mjs" -> "node";
            case "py" -> "python3";
            case "sh" -> "bash";
            case "jar" -> "java";
            default -> null;
        };
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
