package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an app runs: the argv, where, with which environment, and how many copies.
 *
 * @param command argv: interpreter + interpreter_args + script + args, or the binary + args
 * @param script as written by the user, for describe
 * @param env the full environment the workers get (minus PORT and instance variables in cluster mode)
 * @param instanceVar the variable holding a worker's instance number; null = JPM_INSTANCE and NODE_APP_INSTANCE
 * @param namespace PM2's namespace: a group of apps a command can target by name ({@code default} unless set)
 * @param incrementVar a variable of {@code env} whose number each instance gets plus its instance number, or null
 */
public record Run(
        List<String> command,
        String script,
        Path cwd,
        Map<String, String> env,
        int instances,
        AppSpec.ExecMode mode,
        String instanceVar,
        String namespace,
        String incrementVar) {

    /** The most instances one app may have, in a file and through {@code jpm scale}. */
    public static final int MAX_INSTANCES = 1024;

    /** PM2's namespace of an app that names none. */
    public static final String DEFAULT_NAMESPACE = "default";

    public Run {
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(mode, "mode");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        if (command.isEmpty()) throw new IllegalArgumentException("empty command");
        if (instances < 0) throw new IllegalArgumentException("instances < 0: " + instances);
        if (namespace == null || namespace.isBlank()) namespace = DEFAULT_NAMESPACE;
    }

    public Run withInstances(int n) {
        return SpecShape.with(this, "instances", n);
    }

    public Run withEnv(Map<String, String> newEnv) {
        return SpecShape.with(this, "env", newEnv);
    }

    public Run withMode(AppSpec.ExecMode newMode) {
        return SpecShape.with(this, "mode", newMode);
    }
}
