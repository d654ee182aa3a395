package io.jpm.tui.top;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One worker as the console shows it, read from a {@code list} item or a {@code stats} worker (the same fields). */
public record WorkerRow(
        int id,
        String name,
        int instance,
        String mode,
        long pid,
        String status,
        int restarts,
        long uptimeMs,
        double cpu,
        long memory) {

    /** {@link #pid} when the worker has no process. */
    public static final long NO_PID = -1;

    public boolean running() {
        return pid != NO_PID;
    }

    public static WorkerRow from(JsonNode w) {
        return new WorkerRow(
                w.path("id").asInt(),
                w.path("name").asText("?"),
                w.path("instance").asInt(),
                w.path("mode").asText("fork"),
                w.path("pid").isNumber() ? w.path("pid").asLong() : NO_PID,
                w.path("status").asText("unknown"),
                w.path("restarts").asInt(),
                Math.max(0, w.path("uptimeMs").asLong()),
                Math.max(0, w.path("cpu").asDouble()),
                Math.max(0, w.path("memory").asLong()));
    }

    public static List<WorkerRow> listFrom(JsonNode array) {
        List<WorkerRow> rows = new ArrayList<>();
        for (JsonNode w : array) rows.add(from(w));
        return List.copyOf(rows);
    }
}
