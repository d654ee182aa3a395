package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jpm describe}: an app's or worker's details, as text ({@link DescribeView}) or JSON. */
@Command(
        name = "describe",
        aliases = {"show", "info", "desc"},
        description = "Show an app's or worker's details.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @Parameters(paramLabel = "APP|ID")
    String target;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--show-env", description = "Show the values of secret-looking variables too.")
    boolean showEnv;

    @Override
    public Integer call() throws Exception {
        Results.Details r = jpm.call(new Request.Describe(target, showEnv));
        if (json) {
            jpm.out().println(new String(Wire.bytes(r, true), StandardCharsets.UTF_8));
        } else {
            DescribeView.print(jpm, r.workers());
        }
        return 0;
    }
}
