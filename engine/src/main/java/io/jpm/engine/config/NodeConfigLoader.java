package io.jpm.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code node} for the value of a JavaScript ecosystem file, or of a {@code .json} file that only JavaScript
 * reads, printed as JSON. The child runs in the client's environment and the file's folder, with a time limit, and
 * its failure becomes one line naming the file.
 */
final class NodeConfigLoader {

    /**
     * Prints, as JSON, what {@code require(argv[1])} gives, as PM2 7.0.4 reads a {@code .js}, {@code .cjs} or
     * {@code .mjs} file ({@code Common.parseConfig}): module.exports, or an ES module's namespace (node 20.19 and
     * later), where {@code export const apps} is {@code apps} and a default export is under {@code default}; or, with
     * argv[2] = "json", the value of the file's text evaluated as one JavaScript expression (PM2's reading of a .json
     * file). Undefined values inside objects become null rather than vanishing. The JSON goes to the file argv[3],
     * so that what the config prints while it loads (a console.log, dotenv's notice) cannot spoil it.
     */
    private static final String NODE_SCRIPT = """
            const [file, mode, result] = process.argv.slice(1);
            const print = v => {
              const json = JSON.stringify(v, (k, x) => x === undefined ? null : x);
              if (json === undefined) throw new Error('the file exports nothing');
              require('fs').writeFileSync(result, json);
            };
            const fail = e => { process.stderr.write(String(e && e.stack || e) + '\\n'); process.exit(1); };
            if (mode === 'json') {
              try {
                const text = require('fs').readFileSync(file, 'utf8');
                print(require('vm').runInNewContext('(' + text + ')', {}, {filename: file, timeout: 5000}));
              } catch (e) { fail(e); }
            } else {
              try { print(require(file)); } catch (e) { fail(e); }
            }
            """;

    private NodeConfigLoader() {}

    /**
     * Runs node on the file and returns the JSON it wrote; the child is always gone when this returns.
     *
     * @param asJson evaluate the file's text as one expression (a .json file) rather than import it as a module
     */
    static String load(Path file, boolean asJson, Map<String, String> env, ExecutableLookup lookup, Duration timeout)
            throws ConfigException {
        String name = file.getFileName().toString();
        Path node = lookup.find("node", env)
                .orElseThrow(() -> new ConfigException(name
                        + ": reading a JavaScript ecosystem file needs node, which is not on PATH;"
                        + " install node or convert the file to ecosystem.json"));
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("jpm-ecosystem", ".out");
            err = Files.createTempFile("jpm-ecosystem", ".err");
            List<String> argv = List.of(
                    node.toString(), "-e", NODE_SCRIPT, file.toString(), asJson ? "json" : "module", out.toString());
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(file.getParent().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD) // the config's own prints
                    .redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                long ms = timeout.toMillis();
                String limit = ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
                throw new ConfigException(name + ": node did not finish reading it within " + limit);
            }
            if (p.exitValue() != 0) {
                throw new ConfigException(name + ": node could not load it: " + nodeError(Files.readString(err)));
            }
            return Files.readString(out);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot run node: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(name + ": interrupted while node was reading it");
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The line of node's stack trace that says what went wrong, with the file's line number when given. */
    static String nodeError(String stderr) {
        List<String> lines =
                stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String error = lines.stream()
                .filter(l -> l.matches("^[A-Za-z]*Error\\b.*"))
                .findFirst()
                .orElse(lines.isEmpty() ? "no message" : lines.get(0));
        String location = lines.isEmpty() ? "" : lines.get(0);
        return location.matches(".*:\\d+$") && !location.equals(error)
                ? error + " (at " + location.substring(location.lastIndexOf('/') + 1) + ")"
                : error;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }
}
