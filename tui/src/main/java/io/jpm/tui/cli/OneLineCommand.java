package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Request;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A verb that sends one request and prints one line made from the daemon's result. */
abstract class OneLineCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    abstract Request request();

    abstract String line(JsonNode result);

    @Override
    public Integer call() {
        jpm.out().println(line(jpm.call(request())));
        return 0;
    }
}
