package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.AppKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the run section of one app: cwd, environment, argv, instance count and exec mode.
 *
 * <p>PM2's exec mode default: without {@code exec_mode}, an app run by node (or bun) whose {@code instances} is
 * given as a number of at least 1, 0, -1 or {@code "max"} runs in cluster mode; anything else in fork mode.
 */
final class RunReader {

    private final Map<String, String> baseEnv;
    private final Path baseCwd;
    private final EnvComposer envComposer;
    private final ExecutableLookup lookup;
    private final int processors;
    private final boolean fileRules;

    RunReader(
            Map<String, String> baseEnv,
            Path baseCwd,
            String profile,
            ExecutableLookup lookup,
            int processors,
            boolean fileRules) {
        this.baseEnv = baseEnv;
        this.baseCwd = baseCwd;
        this.envComposer = new EnvComposer(baseEnv, profile);
        this.lookup = lookup;
        this.processors = processors;
        this.fileRules = fileRules;
    }

    /** The run section, or null after recording why there is none. */
    Run read(JsonNode app, AppReader r) {
        Path cwd = cwd(r);
        Map<String, String> env = envComposer.compose(app, r);
        String script = r.string(AppKey.SCRIPT);
        if (script == null && !r.has(AppKey.SCRIPT)) r.error(AppKey.SCRIPT, "missing");
        List<String> args = orEmpty(r.words(AppKey.ARGS));
        List<String> interpreterArgs = orEmpty(r.words(AppKey.INTERPRETER_ARGS));
        String interpreter = r.string(AppKey.INTERPRETER);
        List<String> command = script == null || cwd == null
                ? null
                : new CommandBuilder(r, cwd, env, lookup, fileRules).build(script, args, interpreter, interpreterArgs);
        int instances = instances(r);
        AppSpec.ExecMode mode = mode(r, command);
        String instanceVar = r.string(AppKey.INSTANCE_VAR);
        if (instanceVar != null && !instanceVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            r.error(AppKey.INSTANCE_VAR, r.get(AppKey.INSTANCE_VAR), "is not a valid variable name");
        }
        boolean metricsTree = r.bool(AppKey.METRICS_TREE, false);
        String namespace = r.string(AppKey.NAMESPACE);
        if (namespace != null && !namespace.matches("[A-Za-z0-9_.@-]{1,64}")) {
            r.error(AppKey.NAMESPACE, r.get(AppKey.NAMESPACE), "is not a namespace (letters, digits, _ . @ -)");
        }
        String incrementVar = r.string(AppKey.INCREMENT_VAR);
        if (incrementVar != null && !incrementVar.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            r.error(AppKey.INCREMENT_VAR, r.get(AppKey.INCREMENT_VAR), "is not a valid variable name");
        }
        if (command == null || r.hasErrors()) return null;
        return new Run(command, script, cwd, env, instances, mode, instanceVar, metricsTree, namespace, incrementVar);
    }

    private Path cwd(AppReader r) {
        String cwd = r.string(AppKey.CWD);
        if (cwd == null) return r.has(AppKey.CWD) ? null : baseCwd;
        Path p = UserPath.resolve(baseCwd, cwd, baseEnv);
        if (!Files.isDirectory(p)) {
            r.error(AppKey.CWD, r.get(AppKey.CWD), "is not a folder");
            return null;
        }
        return p;
    }

    private int instances(AppReader r) {
        JsonNode v = r.get(AppKey.INSTANCES);
        if (v == null) return 1;
        Long n =
                v.isTextual() && v.asText().trim().equalsIgnoreCase("max") ? Long.valueOf(0) : AppReader.wholeNumber(v);
        if (n == null) {
            r.error(AppKey.INSTANCES, v, "is not a number or \"max\"");
            return 1;
        }
        long count = n == 0 ? processors : n < 0 ? Math.max(1, processors + n) : n; // PM2: -1 is all CPUs but one
        if (count > AppKey.MAX_INSTANCES) {
            r.error(AppKey.INSTANCES, v, "is above " + AppKey.MAX_INSTANCES);
            return 1;
        }
        return (int) count;
    }

    private static AppSpec.ExecMode mode(AppReader r, List<String> command) {
        String mode = r.string(AppKey.EXEC_MODE);
        if (mode == null) {
            return !r.has(AppKey.EXEC_MODE) && runByNode(command) && pm2ClusterCount(r.get(AppKey.INSTANCES))
                    ? AppSpec.ExecMode.CLUSTER
                    : AppSpec.ExecMode.FORK;
        }
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "fork", "fork_mode" -> AppSpec.ExecMode.FORK;
            case "cluster", "cluster_mode" -> AppSpec.ExecMode.CLUSTER;
            default -> {
                r.error(AppKey.EXEC_MODE, r.get(AppKey.EXEC_MODE), "is not \"fork\" or \"cluster\"");
                yield AppSpec.ExecMode.FORK;
            }
        };
    }

    private static boolean runByNode(List<String> command) {
        if (command == null) return false;
        Path program = Path.of(command.get(0)).getFileName();
        return program != null && program.toString().matches(".*(node|bun)");
    }

    /**
     * PM2's test {@code instances >= 1 || instances === 0 || instances === -1}, applied after PM2's schema has made a
     * number of a numeric string and 0 of {@code "max"} (PM2 7.0.4 runs {@code instances: "max"} and {@code "2"} in
     * cluster mode).
     */
    static boolean pm2ClusterCount(JsonNode v) {
        if (v == null) return false;
        if (v.isTextual() && v.asText().trim().equalsIgnoreCase("max")) return true;
        double n;
        if (v.isNumber()) {
            n = v.asDouble();
        } else if (v.isTextual()) {
            try {
                n = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                return false;
            }
        } else {
            return false;
        }
        return n >= 1 || n == 0 || n == -1;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
