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
 *
 * <p>It is long because it is one published shape with its twenty fields, its writer, its reader and the builder that
 * both the daemon and the readers of the shapes that extend it ({@link WorkerDetail}) fill field by field.
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
        return b.readOut();
    }

    /**
     * A view of worker {@code id} of app {@code name}, built field by field: a fork worker with no process and every
     * figure at zero until told otherwise. The record keeps its canonical constructor for the wire; code that makes a
     * view (the daemon, tests, the AOT training run) names each field it sets instead.
     */
    public static Builder builder(int id, String name, WorkerStatus status) {
        Builder b = new Builder();
        b.id = id;
        b.name = Objects.requireNonNull(name, "name");
        b.status = Objects.requireNonNull(status, "status");
        return b;
    }

    /** Builds a {@link WorkerView} by naming its fields; also collects them for the readers of shapes that extend it. */
    public static final class Builder {
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

        Builder() {}

        public Builder instance(int instance) {
            this.instance = instance;
            return this;
        }

        public Builder mode(String mode) {
            this.mode = mode;
            return this;
        }

        public Builder pid(Long pid) {
            this.pid = pid;
            return this;
        }

        public Builder restarts(int restarts) {
            this.restarts = restarts;
            return this;
        }

        public Builder uptimeMs(long uptimeMs) {
            this.uptimeMs = uptimeMs;
            return this;
        }

        public Builder cpu(double cpu) {
            this.cpu = cpu;
            return this;
        }

        public Builder memory(long memory) {
            this.memory = memory;
            return this;
        }

        public Builder unstableRestarts(int unstableRestarts) {
            this.unstableRestarts = unstableRestarts;
            return this;
        }

        public Builder lastExit(String lastExit) {
            this.lastExit = lastExit;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder ready(Boolean ready) {
            this.ready = ready;
            return this;
        }

        public Builder conns(Conns conns) {
            this.conns = conns;
            return this;
        }

        public Builder adopted(boolean adopted) {
            this.adopted = adopted;
            return this;
        }

        public Builder watching(boolean watching) {
            this.watching = watching;
            return this;
        }

        public Builder listen(Listening listen) {
            this.listen = listen;
            return this;
        }

        public Builder health(String health) {
            this.health = health;
            return this;
        }

        public WorkerView build() {
            return new WorkerView(
                    id,
                    name,
                    instance,
                    mode == null ? "fork" : mode, // PM2's default exec mode
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

        /** The view read from the wire; a view without a name or a status is not one. */
        WorkerView readOut() throws IOException {
            if (name == null || status == null) throw new IOException("a worker needs a name and a status");
            return build();
        }
    }
}
