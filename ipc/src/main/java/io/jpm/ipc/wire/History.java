package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code history} command's result: the daemon's rings, oldest sample first; the newest was taken at {@code ts}.
 * Series are aligned at their end: sample {@code i} of {@code n} was taken at {@code ts - (n - 1 - i) * intervalMs}.
 *
 * @param hostCpu percent of the whole machine
 * @param hostMemUsed bytes
 * @param apps by app name, in name order
 * @param workers by worker id, in id order (string keys on the wire)
 */
public record History(
        long ts,
        long intervalMs,
        double[] hostCpu,
        long[] hostMemUsed,
        Map<String, Series> apps,
        Map<Integer, Series> workers)
        implements WireValue {

    public History {
        hostCpu = hostCpu.clone();
        hostMemUsed = hostMemUsed.clone();
        apps = Collections.unmodifiableMap(new TreeMap<>(apps));
        workers = Collections.unmodifiableMap(new TreeMap<>(workers));
    }

    @Override
    public double[] hostCpu() {
        return hostCpu.clone();
    }

    @Override
    public long[] hostMemUsed() {
        return hostMemUsed.clone();
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("ts", ts);
        g.writeNumberField("intervalMs", intervalMs);
        g.writeObjectFieldStart("host");
        Wire.doubles(g, "cpu", hostCpu);
        Wire.longs(g, "memUsed", hostMemUsed);
        g.writeEndObject();
        g.writeObjectFieldStart("apps");
        for (Map.Entry<String, Series> e : apps.entrySet()) {
            g.writeFieldName(e.getKey());
            e.getValue().write(g);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("workers");
        for (Map.Entry<Integer, Series> e : workers.entrySet()) {
            g.writeFieldName(Integer.toString(e.getKey()));
            e.getValue().write(g);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static History read(JsonParser p) throws IOException {
        long[] t = {0, 1000};
        double[][] cpu = {new double[0]};
        long[][] mem = {new long[0]};
        Map<String, Series> apps = new LinkedHashMap<>();
        Map<Integer, Series> workers = new LinkedHashMap<>();
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "ts" -> t[0] = q.getValueAsLong();
                case "intervalMs" -> t[1] = q.getValueAsLong();
                case "host" ->
                    Wire.object(q, (f, r) -> {
                        switch (f) {
                            case "cpu" -> cpu[0] = Wire.doubles(r);
                            case "memUsed" -> mem[0] = Wire.longs(r);
                            default -> Wire.skip(r);
                        }
                    });
                case "apps" -> apps.putAll(Wire.map(q, Series::read));
                case "workers" -> {
                    for (Map.Entry<String, Series> e : Wire.map(q, Series::read).entrySet()) {
                        try {
                            workers.put(Integer.parseInt(e.getKey()), e.getValue());
                        } catch (NumberFormatException bad) {
                            throw new IOException("a worker id is a number: " + e.getKey());
                        }
                    }
                }
                default -> Wire.skip(q);
            }
        });
        return new History(t[0], t[1], cpu[0], mem[0], apps, workers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History h
                && ts == h.ts
                && intervalMs == h.intervalMs
                && Arrays.equals(hostCpu, h.hostCpu)
                && Arrays.equals(hostMemUsed, h.hostMemUsed)
                && apps.equals(h.apps)
                && workers.equals(h.workers);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ts) * 31 + apps.hashCode() * 7 + workers.hashCode();
    }
}
