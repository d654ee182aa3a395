package io.jpm.tui.cli;

import io.jpm.tui.top.TopLauncher;
import io.jpm.tui.top.TopOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code jpm monit}: the same full-screen console as {@code jpm-top}. */
@Command(
        name = "monit",
        aliases = {"top", "dash"},
        description = "The full-screen console (same as jpm-top).")
final class MonitCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @Mixin
    TopOptions options = new TopOptions();

    @Override
    public Integer call() {
        return TopLauncher.run(jpm.home(), jpm.env(), options);
    }
}
