package io.jpm.tui.top;

import io.jpm.themes.ThemeCatalog;
import java.util.List;

/** States and workers for the console's tests. */
final class Fixtures {
    private Fixtures() {}

    static WorkerRow worker(int id, String name, String status, int restarts, double cpu) {
        return new WorkerRow(
                id,
                name,
                id,
                "fork",
                status.equals("stopped") ? WorkerRow.NO_PID : 4000 + id,
                status,
                restarts,
                65_000,
                cpu,
                40L * 1024 * 1024 + id,
                null,
                false);
    }

    static TopState state() {
        return new TopState(1000, ThemeCatalog.builtIns().themes(), 0);
    }

    static List<WorkerRow> demo() {
        return List.of(
                worker(0, "web", "online", 0, 3.5),
                worker(1, "web", "online", 2, 1.0),
                worker(2, "ticker", "online", 0, 0.2),
                worker(3, "flaky", "waiting-restart", 7, 0),
                worker(4, "burner", "online", 0, 97.0),
                worker(5, "batch", "stopped", 0, 0));
    }

    /** A state that has seen the demo workers three times, and some log lines. */
    static TopState demoState() {
        TopState s = state();
        TopController c = new TopController(s, cmd -> {});
        for (int i = 0; i < 3; i++) c.handle(new Input.Workers(demo(), null), 0);
        c.handle(new Input.Connected("tcp://127.0.0.1:1"), 0);
        c.handle(
                new Input.Logs(List.of(
                        new LogLine("ticker", 2, false, "tick 1"),
                        new LogLine("flaky", 3, true, "flaky: crashing"),
                        new LogLine("web", 0, false, "listening on 8080"))),
                0);
        return s;
    }
}
