package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.Hosts;
import io.jpm.ipc.Json;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WorkerView;
import io.jpm.tui.CliException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jpm list --hosts}: the workers of several hosts as one table (or JSON array with a {@code host} field), a
 * line on stderr for each host that did not answer, and exit code 1 when one did not.
 */
final class FleetList {
    private FleetList() {}

    static int print(Jpm jpm, String selection, long timeoutMs, boolean json) throws IOException {
        if (timeoutMs < 1) throw new CliException("timeout < 1 ms: " + timeoutMs, 2);
        List<Hosts.Host> chosen;
        try {
            chosen = jpm.hosts().select(selection);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
        var answers = FleetQuery.ask(jpm, chosen, new Request.ListWorkers(), timeoutMs);
        List<WorkerView> workers = new ArrayList<>();
        List<String> hostOfRow = new ArrayList<>();
        int missing = 0;
        for (FleetQuery.Answer<Results.Workers> a : answers) {
            if (!a.ok()) {
                missing++;
                continue;
            }
            for (WorkerView w : a.result().workers()) {
                workers.add(w);
                hostOfRow.add(a.host().name());
            }
        }
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (int i = 0; i < workers.size(); i++) {
                ObjectNode row = array.addObject().put("host", hostOfRow.get(i));
                row.setAll((ObjectNode) Json.MAPPER.readTree(Wire.bytes(workers.get(i))));
            }
            jpm.out().println(Json.MAPPER.writeValueAsString(array));
        } else {
            ListView.print(jpm, workers, hostOfRow);
        }
        jpm.out().flush();
        for (FleetQuery.Answer<Results.Workers> a : answers) {
            if (!a.ok()) jpm.err().println("jpm: host " + a.host().name() + ": " + a.error());
        }
        jpm.err().flush();
        return missing == 0 ? 0 : 1;
    }
}
