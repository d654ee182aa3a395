package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code stats} message: the sample's time and interval, the host's figures, and every worker as a list item
 * with the sample's figures.
 *
 * @param unwrittenLogLines log lines a full disk refused, by worker id, for the workers that lost any (not written
 *     when none did)
 */
public record Stats(long ts, long intervalMs, Host host, List<WorkerView> workers, Map<Integer, Long> unwrittenLogLines)
        implements WireValue, Published {

    /** The host: CPU as percent of the whole machine (0-100), its cores, memory used and total in bytes. */
    public record Host(double cpu, int cores, long memUsed, long memTotal) {}

    public Stats {
        Objects.requireNonNull(host, "host");
        workers = List.copyOf(workers);
        unwrittenLogLines = Map.copyOf(unwrittenLogLines);
    }

    /** A message in which no worker lost a log line. */
    public Stats(long ts, long intervalMs, Host host, List<WorkerView> workers) {
        this(ts, intervalMs, host, workers, Map.of());
    }

    /** Log lines a full disk refused for worker {@code id}. */
    public long unwrittenLogLines(int id) {
        return unwrittenLogLines.getOrDefault(id, 0L);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("ts", ts);
        g.writeNumberField("intervalMs", intervalMs);
        g.writeFieldName("host");
        writeHost(g, host);
        Wire.list(g, "workers", workers);
        if (!unwrittenLogLines.isEmpty()) {
            g.writeObjectFieldStart("unwrittenLogLines");
            for (var e : new java.util.TreeMap<>(unwrittenLogLines).entrySet()) {
                g.writeNumberField(Integer.toString(e.getKey()), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    public static Stats read(JsonParser p) throws IOException {
        long[] t = {0, 1000};
        Host[] host = {new Host(0, 0, 0, 0)};
        List<WorkerView>[] workers = new List[] {List.of()};
        Map<Integer, Long> unwritten = new java.util.HashMap<>();
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "ts" -> t[0] = q.getValueAsLong();
                case "intervalMs" -> t[1] = q.getValueAsLong();
                case "host" -> host[0] = readHost(q);
                case "workers" -> workers[0] = Wire.list(q, WorkerView::read);
                case "unwrittenLogLines" ->
                    Wire.map(q, JsonParser::getValueAsLong).forEach((id, n) -> unwritten.put(Integer.parseInt(id), n));
                default -> Wire.skip(q);
            }
        });
        return new Stats(t[0], t[1], host[0], workers[0], unwritten);
    }

    /** The host object, as {@code stats} and {@code view.stats} carry it. */
    static void writeHost(JsonGenerator g, Host host) throws IOException {
        g.writeStartObject();
        g.writeNumberField("cpu", host.cpu());
        g.writeNumberField("cores", host.cores());
        g.writeNumberField("memUsed", host.memUsed());
        g.writeNumberField("memTotal", host.memTotal());
        g.writeEndObject();
    }

    static Host readHost(JsonParser p) throws IOException {
        double[] cpu = {0};
        long[] v = new long[3];
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "cpu" -> cpu[0] = q.getValueAsDouble();
                case "cores" -> v[0] = q.getValueAsLong();
                case "memUsed" -> v[1] = q.getValueAsLong();
                case "memTotal" -> v[2] = q.getValueAsLong();
                default -> Wire.skip(q);
            }
        });
        return new Host(cpu[0], (int) v[0], v[1], v[2]);
    }
}
