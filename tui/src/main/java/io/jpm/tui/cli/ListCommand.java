package io.jpm.tui.cli;

import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jpm list}: every worker, as a table or as the stable JSON array; with {@code --hosts}, over many hosts. */
@Command(
        name = "list",
        aliases = {"ls", "ps", "status"},
        description = "List every worker.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    Jpm jpm;

    @Option(names = "--json", description = "A JSON array, one object per worker (a stable format).")
    boolean json;

    @Option(
            names = "--sort",
            paramLabel = "FIELD[:asc|desc]",
            description = "Sort by name, id, pid, cpu, memory, uptime, restarts or status.")
    String sort;

    @Option(
            names = "--hosts",
            paramLabel = "all|A,B",
            description = "Ask these hosts (jpm hosts) at once: one table with a host column.")
    String hosts;

    @Option(
            names = "--timeout",
            paramLabel = "MS",
            defaultValue = "3000",
            description = "With --hosts: how long to wait for each host (default ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Override
    public Integer call() throws Exception {
        if (hosts != null) return FleetList.print(jpm, hosts, timeoutMs, json);
        WorkerOrder order = sort == null ? null : WorkerOrder.parse(sort);
        Results.Workers rows = jpm.call(new Request.ListWorkers());
        if (json) {
            jpm.out().println(new String(Wire.bytes(rows), StandardCharsets.UTF_8));
        } else {
            ListView.print(jpm, order == null ? rows.workers() : order.sort(rows.workers()));
        }
        return 0;
    }
}
