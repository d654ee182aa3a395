package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;

/** A CPU and memory history, oldest sample first: {@code {"cpu": [...], "memory": [...]}}. */
public record Series(double[] cpu, long[] memory) implements WireValue {
    public static final Series EMPTY = new Series(new double[0], new long[0]);

    public Series {
        cpu = cpu.clone();
        memory = memory.clone();
    }

    @Override
    public double[] cpu() {
        return cpu.clone();
    }

    @Override
    public long[] memory() {
        return memory.clone();
    }

    public int length() {
        return cpu.length;
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        Wire.doubles(g, "cpu", cpu);
        Wire.longs(g, "memory", memory);
        g.writeEndObject();
    }

    public static Series read(JsonParser p) throws IOException {
        double[][] c = {new double[0]};
        long[][] m = {new long[0]};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "cpu" -> c[0] = Wire.doubles(q);
                case "memory" -> m[0] = Wire.longs(q);
                default -> Wire.skip(q);
            }
        });
        return new Series(c[0], m[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && Arrays.equals(cpu, s.cpu) && Arrays.equals(memory, s.memory);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cpu) + Arrays.hashCode(memory);
    }

    @Override
    public String toString() {
        return "Series" + Arrays.toString(cpu) + Arrays.toString(memory);
    }
}
