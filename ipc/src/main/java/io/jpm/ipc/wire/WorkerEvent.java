package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Objects;

/**
 * The body of an {@code event.<app>} message: what happened to which worker, when. The optional fields are null
 * (and not written) unless the kind carries them.
 *
 * @param ts epoch ms
 * @param pid the worker's current process, if it has one
 * @param oldPid {@code reload}: the replaced process (-1 if none)
 * @param code {@code exit}: the exit code of a process that exited
 * @param signal {@code exit}: the signal that killed it
 * @param delayMs {@code restart}: the wait before the new process
 * @param reason {@code errored}, {@code stop}, and {@code restart} by max_memory_restart: why
 * @param memory {@code restart} by max_memory_restart: the RSS that crossed the limit
 * @param limit {@code restart} by max_memory_restart: the limit
 * @param adopted {@code online} after a daemon restart: the process survived the previous daemon
 */
public record WorkerEvent(
        EventKind kind,
        String app,
        int id,
        int instance,
        long ts,
        Long pid,
        Long oldPid,
        Integer code,
        String signal,
        Long delayMs,
        String reason,
        Long memory,
        Long limit,
        Boolean adopted)
        implements WireValue, Published {

    public WorkerEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(app, "app");
    }

    /** An event with no optional field but the pid. */
    public static WorkerEvent of(EventKind kind, String app, int id, int instance, long ts, Long pid) {
        return new WorkerEvent(kind, app, id, instance, ts, pid, null, null, null, null, null, null, null, null);
    }

    public WorkerEvent withOldPid(long v) {
        return new WorkerEvent(
                kind, app, id, instance, ts, pid, v, code, signal, delayMs, reason, memory, limit, adopted);
    }

    public WorkerEvent withExit(Integer exitCode, String exitSignal) {
        return new WorkerEvent(
                kind,
                app,
                id,
                instance,
                ts,
                pid,
                oldPid,
                exitCode,
                exitSignal,
                delayMs,
                reason,
                memory,
                limit,
                adopted);
    }

    public WorkerEvent withDelayMs(long v) {
        return new WorkerEvent(
                kind, app, id, instance, ts, pid, oldPid, code, signal, v, reason, memory, limit, adopted);
    }

    public WorkerEvent withReason(String v) {
        return new WorkerEvent(
                kind, app, id, instance, ts, pid, oldPid, code, signal, delayMs, v, memory, limit, adopted);
    }

    public WorkerEvent withMemory(long rss, long max) {
        return new WorkerEvent(
                kind, app, id, instance, ts, pid, oldPid, code, signal, delayMs, reason, rss, max, adopted);
    }

    public WorkerEvent withAdopted() {
        return new WorkerEvent(
                kind, app, id, instance, ts, pid, oldPid, code, signal, delayMs, reason, memory, limit, true);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("event", kind.wire());
        g.writeStringField("app", app);
        g.writeNumberField("id", id);
        g.writeNumberField("instance", instance);
        g.writeNumberField("ts", ts);
        if (pid != null) g.writeNumberField("pid", pid);
        if (oldPid != null) g.writeNumberField("oldPid", oldPid);
        if (code != null) g.writeNumberField("code", code);
        if (signal != null) g.writeStringField("signal", signal);
        if (delayMs != null) g.writeNumberField("delayMs", delayMs);
        if (reason != null) g.writeStringField("reason", reason);
        if (memory != null) g.writeNumberField("memory", memory);
        if (limit != null) g.writeNumberField("limit", limit);
        if (adopted != null) g.writeBooleanField("adopted", adopted);
        g.writeEndObject();
    }

    public static WorkerEvent read(JsonParser p) throws IOException {
        Object[] v = new Object[14];
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "event" -> v[0] = Wire.text(q);
                case "app" -> v[1] = Wire.text(q);
                case "id" -> v[2] = q.getValueAsInt();
                case "instance" -> v[3] = q.getValueAsInt();
                case "ts" -> v[4] = q.getValueAsLong();
                case "pid" -> v[5] = Wire.nullableLong(q);
                case "oldPid" -> v[6] = Wire.nullableLong(q);
                case "code" -> v[7] = Wire.nullableInt(q);
                case "signal" -> v[8] = Wire.text(q);
                case "delayMs" -> v[9] = Wire.nullableLong(q);
                case "reason" -> v[10] = Wire.text(q);
                case "memory" -> v[11] = Wire.nullableLong(q);
                case "limit" -> v[12] = Wire.nullableLong(q);
                case "adopted" -> v[13] = q.getValueAsBoolean();
                default -> Wire.skip(q);
            }
        });
        if (v[0] == null || v[1] == null) throw new IOException("an event needs event and app");
        EventKind kind;
        try {
            kind = EventKind.fromWire((String) v[0]);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        return new WorkerEvent(
                kind,
                (String) v[1],
                v[2] == null ? 0 : (Integer) v[2],
                v[3] == null ? 0 : (Integer) v[3],
                v[4] == null ? 0 : (Long) v[4],
                (Long) v[5],
                (Long) v[6],
                (Integer) v[7],
                (String) v[8],
                (Long) v[9],
                (String) v[10],
                (Long) v[11],
                (Long) v[12],
                (Boolean) v[13]);
    }
}
