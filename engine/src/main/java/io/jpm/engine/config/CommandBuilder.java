package io.jpm.engine.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * first arguments. In an ecosystem file, a script with a space runs as {@code bash -c "<script>"} and {@code args}
 * is ignored, as in PM2. The interpreter, when not given, follows the extension as PM2's does ({@code .js .cjs .mjs}
 * node, {@code .py} python3, {@code .sh} bash, {@code .rb .php .pl}, {@code .ts} bun) plus {@code .jar}
 * {@code java -jar}; a file with another extension runs with node when it is text (PM2's fallback: express's
 * {@code bin/www}) and directly when it is a binary or an executable script with its own {@code #!} line.
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
        if (commandLineDropsArgs && script.indexOf(' ') >= 0) return shellLine(script, args);
        Path file = locate(script);
        if (file == null && script.indexOf(' ') >= 0 && hasShellSyntax(script)) {
            return shellLine(script, args); // PM2 runs any spaced script with bash -c; shell syntax needs it
        }
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
        }
        if (file == null && script.equals("serve")) { // PM2 swaps in its own lib/API/Serve.js
            reader.error(
                    Settings.SCRIPT.key(), "\"serve\" is PM2's built-in static file server, which jpm does not have");
            return null;
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

    /**
     * PM2's reading of a script with a space in an ecosystem file, or of one with shell syntax on the command line:
     * {@code bash -c "<script>"} ({@code sh} without bash), whatever else is said of args or the interpreter, so
     * shell syntax works as under PM2.
     */
    private List<String> shellLine(String script, List<String> args) {
        Path shell = lookup.find("bash", env).or(() -> lookup.find("sh", env)).orElse(null);
        if (shell == null) {
            reader.error(
                    Settings.SCRIPT.key(), quote(script) + " is a command line, and neither bash nor sh is on PATH");
            return null;
        }
        if (!args.isEmpty())
            reader.warn("args were ignored: the script is a command line, run with bash -c as PM2 does");
        return List.of(shell.toString(), "-c", script);
    }

    /**
     * Whether a command line needs a shell: a list ({@code ;}, {@code &&}, {@code |}), a redirection, a substitution
     * or a glob, which a split into words would hand to the program as literal arguments.
     */
    static boolean hasShellSyntax(String script) {
        for (int i = 0; i < script.length(); i++) {
            if (";&|<>$`*?(){}".indexOf(script.charAt(i)) >= 0) return true;
        }
        return false;
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

    /**
     * PM2's interpreter by extension ({@code lib/API/interpreter.json}), and for any other file PM2's fallback:
     * node for a text file, the file itself for a binary. jpm adds one case: an executable text file whose
     * {@code #!} line names something other than node runs directly, through its own {@code #!}.
     */
    private static String interpreterFor(Path script) {
        String name = script.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return switch (dot < 0 ? "" : name.substring(dot + 1)) {
            case "js", "cjs", "mjs" -> "node";
            case "py" -> "python3";
            case "sh" -> "bash";
            case "rb" -> "ruby";
            case "php" -> "php";
            case "pl" -> "perl";
            case "ts", "tsx" -> "bun";
            case "jar" -> "java";
            default -> nodeText(script) ? "node" : null;
        };
    }

    /**
     * PM2's test for a file it hands to node: not binary, judged as PM2 does on the first 512 bytes (a NUL byte, or
     * more than a tenth of them neither text nor UTF-8). jpm's exception: an executable file whose {@code #!} line
     * does not name node.
     */
    private static boolean nodeText(Path file) {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        } catch (IOException e) {
            return false;
        }
        int odd = 0;
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) return false;
            boolean text = b >= 7 && b <= 14 || b >= 32 && b <= 127;
            if (text) continue;
            int follow = b >= 194 && b <= 223 ? 1 : b >= 224 && b <= 239 ? 2 : 0; // a UTF-8 sequence's length
            if (follow > 0 && i + follow < head.length && continuation(head, i + 1, follow)) {
                i += follow;
                continue;
            }
            odd++;
        }
        if (head.length > 0 && odd * 100 / head.length > 10) return false;
        String first =
                new String(head, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        return !(first.startsWith("#!") && !first.contains("node") && Files.isExecutable(file));
    }

    private static boolean continuation(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if ((b[i] & 0xc0) != 0x80) return false;
        }
        return true;
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
