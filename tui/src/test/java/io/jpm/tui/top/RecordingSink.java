package io.jpm.tui.top;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.ipc.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A command sink that keeps what it was sent. */
final class RecordingSink implements CommandSink {
    final List<Command> commands = new CopyOnWriteArrayList<>();

    @Override
    public void submit(Command command) {
        commands.add(command);
    }

    List<Request> requests() {
        List<Request> out = new ArrayList<>();
        for (Command c : commands) out.add(c.request());
        return out;
    }

    void assertRequests(Request... expected) {
        assertEquals(List.of(expected), requests());
    }
}
