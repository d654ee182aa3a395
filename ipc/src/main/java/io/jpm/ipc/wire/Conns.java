package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * The balancer's figures for a cluster worker's current process: connections open now, accepted since it joined,
 * and bytes from clients and to them.
 */
public record Conns(int active, long total, long bytesIn, long bytesOut) implements WireValue {
    public static final Conns NONE = new Conns(0, 0, 0, 0);

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeNumberField("active", active);
        g.writeNumberField("total", total);
        g.writeNumberField("bytesIn", bytesIn);
        g.writeNumberField("bytesOut", bytesOut);
        g.writeEndObject();
    }

    public static Conns read(JsonParser p) throws IOException {
        long[] v = new long[4];
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "active" -> v[0] = q.getValueAsLong();
                case "total" -> v[1] = q.getValueAsLong();
                case "bytesIn" -> v[2] = q.getValueAsLong();
                case "bytesOut" -> v[3] = q.getValueAsLong();
                default -> Wire.skip(q);
            }
        });
        return new Conns((int) v[0], v[1], v[2], v[3]);
    }
}
