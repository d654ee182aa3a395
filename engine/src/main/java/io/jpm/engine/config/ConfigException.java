package io.jpm.engine.config;

import java.util.List;

/** An app definition or ecosystem file that cannot be used, with every problem found, one line each. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem, such as {@code app "api": instances: "lots" is not a number or "max"}. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        return problems;
    }
}
