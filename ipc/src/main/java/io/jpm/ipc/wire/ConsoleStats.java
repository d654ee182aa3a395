package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code view.stats} message: what a console draws of a {@code stats} message and no more, each worker as one
 * JSON array in the order of {@link Row}'s components, so that a console watching many hosts decrypts and parses a
 * third of the bytes. CPU is rounded to a tenth of a percent, as the console shows it.
 */
public record ConsoleStats(long ts, long intervalMs, Stats.Host host, List<Row> workers)
        implements WireValue, Published {

    /**
     * One worker as the console's grid and detail pane show it; the fields mean what {@link WorkerView}'s do.
     *
     * @param pid the current process, or null when none runs
     * @param health null when the app has no probe
     */
    public record Row(
            int id,
            String name,
            int instance,
            String mode,
            Long pid,
            WorkerStatus status,
            int restarts,
            long uptimeMs,
            double cpu,
            long memory,
            String health,
            boolean watching) {
        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(status, "status");
        }

        static Row of(WorkerView w) {
            return new Row(
                    w.id(),
                    w.name(),
                    w.instance(),
                    w.mode(),
                    w.pid(),
                    w.status(),
                    w.restarts(),
                    w.uptimeMs(),
                    Math.round(w.cpu() * 10) / 10.0,
                    w.memory(),
                    w.health(),
                    w.watching());
        }

        private void write(JsonGenerator g) throws IOException {
            g.writeStartArray();
            g.writeNumber(id);
            g.writeString(name);
            g.writeNumber(instance);
            g.writeString(mode);
            if (pid == null) g.writeNull();
            else g.writeNumber(pid);
            g.writeString(status.wire());
            g.writeNumber(restarts);
            g.writeNumber(uptimeMs);
            g.writeNumber(cpu);
            g.writeNumber(memory);
            g.writeString(health);
            g.writeNumber(watching ? 1 : 0);
            g.writeEndArray();
        }

        private static Row read(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) throw new IOException("a view.stats worker is an array");
            Row row = new Row(
                    next(p).getValueAsInt(),
                    textOf(next(p)),
                    next(p).getValueAsInt(),
                    textOf(next(p)),
                    Wire.nullableLong(next(p)),
                    statusOf(textOf(next(p))),
                    next(p).getValueAsInt(),
                    next(p).getValueAsLong(),
                    next(p).getValueAsDouble(),
                    next(p).getValueAsLong(),
                    Wire.text(next(p)),
                    next(p).getValueAsInt() != 0);
            // a newer daemon may append columns: skip them
            while (p.nextToken() != JsonToken.END_ARRAY) Wire.skip(p);
            return row;
        }

        private static JsonParser next(JsonParser p) throws IOException {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.END_ARRAY) throw new IOException("a view.stats worker is too short");
            return p;
        }

        private static String textOf(JsonParser p) throws IOException {
            String s = Wire.text(p);
            if (s == null) throw new IOException("a view.stats worker lacks a name, mode or status");
            return s;
        }

        private static WorkerStatus statusOf(String wire) throws IOException {
            try {
                return WorkerStatus.fromWire(wire);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
    }

    public ConsoleStats {
        Objects.requireNonNull(host, "host");
        workers = List.copyOf(workers);
    }

    /** The console's view of {@code stats}. */
    public static ConsoleStats of(Stats stats) {
        List<Row> rows = new ArrayList<>(stats.workers().size());
        for (WorkerView w : stats.workers()) rows.add(Row.of(w));
        return new ConsoleStats(stats.ts(), stats.intervalMs(), stats.host(), rows);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("ts", ts);
        g.writeNumberField("intervalMs", intervalMs);
        g.writeFieldName("host");
        Stats.writeHost(g, host);
        g.writeArrayFieldStart("workers");
        for (Row r : workers) r.write(g);
        g.writeEndArray();
        g.writeEndObject();
    }

    public static ConsoleStats read(JsonParser p) throws IOException {
        long[] t = {0, 1000};
        Stats.Host[] host = {new Stats.Host(0, 0, 0, 0)};
        List<Row>[] workers = new List[] {List.of()};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "ts" -> t[0] = q.getValueAsLong();
                case "intervalMs" -> t[1] = q.getValueAsLong();
                case "host" -> host[0] = Stats.readHost(q);
                case "workers" -> workers[0] = Wire.list(q, Row::read);
                default -> Wire.skip(q);
            }
        });
        return new ConsoleStats(t[0], t[1], host[0], workers[0]);
    }
}
