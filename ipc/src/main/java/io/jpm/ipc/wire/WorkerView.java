package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Objects;

/**
 * One worker as {@code jpm list --json} shows it, and as each {@code stats} message carries it. The field names and
 * their order are a published contract: scripts parse them, so fields are only ever added.
 *
 * @param pid the current process, or null when none runs
 * @param uptimeMs 0 without a process
 * @param cpu percent of one core; 0 without a process
 * @param memory RSS in bytes; 0 without a process
 * @param lastExit how the last process ended ({@code "code 1"}, {@code "signal SIGKILL"}), or null
 * @param reason why the worker is errored or stopped, or null
 * @param port the worker's private port, or 0 (not written) when it has none
 * @param ready cluster mode: in the balancer's rotation; fork mode with wait_ready: the process sent READY=1; else
 *     null (not written)
 * @param conns cluster mode only (else null, not written)
 * @param adopted the process survived a previous daemon (written only when true)
 * @param watching the app restarts when its files change ({@code watch}; written only when true)
 * @param listen cluster mode only (else null, not written): proxy or socket, and the socket's accept queue
 * @param health what the app's health probes say of the current process: {@code healthy}, {@code unhealthy} or
 *     {@code unknown}; null (not written) when the app has no probe
 */
public record WorkerView(
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
        int unstableRestarts,
        String lastExit,
        String reason,
        int port,
        Boolean ready,
        Conns conns,
        boolean adopted,
        boolean watching,
        Listening listen,
        String health)
        implements WireValue {

    public WorkerView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
    }

    /** Whether a process runs (the figures are meaningful). */
    public boolean running() {
        return pid != null;
    }

    public boolean cluster() {
        return "cluster".equals(mode);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFields(g);
        g.writeEndObject();
    }

    /** The fields without the braces, for the shapes that extend a list item (describe). */
    void writeFields(JsonGenerator g) throws IOException {
        g.writeNumberField("id", id);
        g.writeStringField("name", name);
        g.writeNumberField("instance", instance);
        g.writeStringField("mode", mode);
        Wire.nullableNumber(g, "pid", pid);
        g.writeStringField("status", status.wire());
        g.writeNumberField("restarts", restarts);
        g.writeNumberField("uptimeMs", uptimeMs);
        g.writeNumberField("cpu", cpu);
        g.writeNumberField("memory", memory);
        g.writeNumberField("unstableRestarts", unstableRestarts);
        g.writeStringField("lastExit", lastExit);
        g.writeStringField("reason", reason);
        if (port > 0) g.writeNumberField("port", port);
        if (ready != null) g.writeBooleanField("ready", ready);
        if (conns != null) {
            g.writeFieldName("conns");
            conns.write(g);
        }
        if (adopted) g.writeBooleanField("adopted", true);
        if (watching) g.writeBooleanField("watching", true);
        if (listen != null) {
            g.writeFieldName("listen");
            listen.write(g);
        }
        if (health != null) g.writeStringField("health", health);
    }

    public static WorkerView read(JsonParser p) throws IOException {
        Builder b = new Builder();
        Wire.object(p, (name, q) -> {
            if (!b.field(name, q)) Wire.skip(q);
        });
        return b.build();
    }

    /** Collects the fields of a list item, for readers of shapes that extend it. */
    static final class Builder {
        private int id;
        private String name;
        private int instance;
        private String mode;
        private Long pid;
        private WorkerStatus status;
        private int restarts;
        private long uptimeMs;
        private double cpu;
        private long memory;
        private int unstableRestarts;
        private String lastExit;
        private String reason;
        private int port;
        private Boolean ready;
        private Conns conns;
        private boolean adopted;
        private boolean watching;
        private Listening listen;
        private String health;

        /** Reads the field if it is a list item's; false if it is not. */
        boolean field(String field, JsonParser p) throws IOException {
            switch (field) {
                case "id" -> id = p.getValueAsInt();
                case "name" -> name = Wire.text(p);
                case "instance" -> instance = p.getValueAsInt();
                case "mode" -> mode = Wire.text(p);
                case "pid" -> pid = Wire.nullableLong(p);
                case "status" -> status = statusOf(Wire.text(p));
                case "restarts" -> restarts = p.getValueAsInt();
                case "uptimeMs" -> uptimeMs = p.getValueAsLong();
                case "cpu" -> cpu = p.getValueAsDouble();
                case "memory" -> memory = p.getValueAsLong();
                case "unstableRestarts" -> unstableRestarts = p.getValueAsInt();
                case "lastExit" -> lastExit = Wire.text(p);
                case "reason" -> reason = Wire.text(p);
                case "port" -> port = p.getValueAsInt();
                case "ready" -> ready = p.getValueAsBoolean();
                case "conns" -> conns = Conns.read(p);
                case "adopted" -> adopted = p.getValueAsBoolean();
                case "watching" -> watching = p.getValueAsBoolean();
                case "listen" -> listen = Listening.read(p);
                case "health" -> health = Wire.text(p);
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static WorkerStatus statusOf(String wire) throws IOException {
            try {
                return WorkerStatus.fromWire(wire);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }

        WorkerView build() throws IOException {
            if (name == null || status == null) throw new IOException("a worker needs a name and a status");
            if (mode == null) mode = "fork"; // PM2's default exec mode
            return new WorkerView(
                    id,
                    name,
                    instance,
                    mode,
                    pid,
                    status,
                    restarts,
                    uptimeMs,
                    cpu,
                    memory,
                    unstableRestarts,
                    lastExit,
                    reason,
                    port,
                    ready,
                    conns,
                    adopted,
                    watching,
                    listen,
                    health);
        }
    }
}
