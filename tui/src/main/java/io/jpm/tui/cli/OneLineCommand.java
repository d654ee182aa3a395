package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.ipc.wire.WireValue;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A verb that sends one request and prints one line made from the daemon's result. */
abstract class OneLineCommand<R extends WireValue> implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    abstract Request<R> request();

    abstract String line(R result);

    @Override
    public Integer call() {
        jpm.out().println(line(jpm.call(request())));
        return 0;
    }
}
