package io.jpm.tui.top;

import io.jpm.ipc.JpmHome;
import io.jpm.tui.CliException;
import io.jpm.tui.cli.Jpm;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jpm-top}: the full-screen console. Same as {@code jpm monit}. */
@Command(
        name = "jpm-top",
        mixinStandardHelpOptions = true,
        versionProvider = Jpm.VersionProvider.class,
        description = "The full-screen console: every worker, its CPU and memory over time, and all logs. "
                + "Press ? inside for the keys.")
public final class JpmTop implements Callable<Integer> {
    @Mixin
    TopOptions options = new TopOptions();

    private final JpmHome home;
    private final Map<String, String> env;

    JpmTop(JpmHome home, Map<String, String> env) {
        this.home = home;
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new JpmTop(JpmHome.fromEnvironment(System.getenv()), System.getenv()));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine
                    .getErr()
                    .println("jpm-top: "
                            + (ex instanceof CliException
                                    ? ex.getMessage()
                                    : ex.getClass().getSimpleName() + ": " + ex.getMessage()));
            return ex instanceof CliException ce ? ce.exitCode() : 1;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        return TopLauncher.run(home, env, options);
    }
}
