package io.jpm.tui.cli;

import io.jpm.tui.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jpm init [simple]} (PM2's {@code ecosystem}, alias {@code init}): writes a sample ecosystem.config.js in the
 * current folder, replacing one that is there, as PM2 does; {@code simple} leaves out the per-environment sections.
 */
@Command(
        name = "init",
        aliases = "ecosystem",
        description = "Write a sample ecosystem.config.js here (replacing one that is there, as PM2's init).")
final class InitCommand implements Callable<Integer> {
    static final String FILE = "ecosystem.config.js";

    @ParentCommand
    Jpm jpm;

    @Parameters(paramLabel = "MODE", arity = "0..1", description = "simple: only a name and a script.")
    String mode;

    @Override
    public Integer call() {
        Path file = jpm.cwd().resolve(FILE);
        try {
            Files.writeString(file, sample("simple".equals(mode)));
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
        jpm.out().println("wrote " + file + " (start it with: jpm start " + FILE + ")");
        return 0;
    }

    static String sample(boolean simple) {
        String app = simple ? """
                    {
                      name: "app",
                      script: "./app.js",
                    },
                """ : """
                    {
                      name: "app",
                      script: "./app.js",
                      instances: 1,
                      // exec_mode: "cluster", // node's cluster mode: every instance accepts on the app's port
                      watch: false,
                      max_memory_restart: "300M",
                      env: { NODE_ENV: "development" },
                      env_production: { NODE_ENV: "production" }, // jpm start ecosystem.config.js --env production
                    },
                """;
        return "// Read by jpm as PM2 reads it (docs/pm2-compat.md). Start with: jpm start " + FILE + "\n"
                + "module.exports = {\n  apps: [\n" + app + "  ],\n};\n";
    }
}
