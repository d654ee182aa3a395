package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;

/**
 * The small results of the commands whose reply is not a worker, a log or a metrics shape: one record per command,
 * each with its writer and its reader. {@link io.jpm.ipc.Request} names which one each command returns.
 *
 * <p>It is long because it is a family of about twenty records of twenty lines each, one shape per command; a shape
 * with more to it (a worker, its details, a log tail, the history) has its own file in this package.
 */
public final class Results {
    private Results() {}

    /** {@code ping}: the daemon's version and pid. */
    public record Pong(String version, long pid) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeBooleanField("pong", true);
            g.writeStringField("version", version);
            g.writeNumberField("pid", pid);
            g.writeEndObject();
        }

        public static Pong read(JsonParser p) throws IOException {
            String[] version = {null};
            long[] pid = {0};
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "version" -> version[0] = Wire.text(q);
                    case "pid" -> pid[0] = q.getValueAsLong();
                    default -> Wire.skip(q);
                }
            });
            return new Pong(version[0], pid[0]);
        }
    }

    /** {@code kill}: the pid of the daemon that is stopping. */
    public record Killed(long pid) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("pid", pid);
            g.writeEndObject();
        }

        public static Killed read(JsonParser p) throws IOException {
            long[] pid = {0};
            Wire.object(p, (name, q) -> {
                if (name.equals("pid")) pid[0] = q.getValueAsLong();
                else Wire.skip(q);
            });
            return new Killed(pid[0]);
        }
    }

    /** {@code list}: every worker, by id: the array that {@code jpm list --json} prints. */
    public record Workers(List<WorkerView> workers) implements WireValue {
        public Workers {
            workers = List.copyOf(workers);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartArray();
            for (WorkerView w : workers) w.write(g);
            g.writeEndArray();
        }

        public static Workers read(JsonParser p) throws IOException {
            return new Workers(Wire.list(p, WorkerView::read));
        }
    }

    /** {@code describe}: the target's workers in detail. */
    public record Details(List<WorkerDetail> workers) implements WireValue {
        public Details {
            workers = List.copyOf(workers);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartArray();
            for (WorkerDetail w : workers) w.write(g);
            g.writeEndArray();
        }

        public static Details read(JsonParser p) throws IOException {
            return new Details(Wire.list(p, WorkerDetail::read));
        }
    }

    /** {@code start}: the apps started (or restarted), warnings about their settings, and every worker. */
    public record Started(List<String> started, List<String> warnings, List<WorkerView> workers) implements WireValue {
        public Started {
            started = List.copyOf(started);
            warnings = List.copyOf(warnings);
            workers = List.copyOf(workers);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Wire.strings(g, "started", started);
            Wire.strings(g, "warnings", warnings);
            Wire.list(g, "workers", workers);
            g.writeEndObject();
        }

        public static Started read(JsonParser p) throws IOException {
            List<String>[] s = new List[] {List.of(), List.of()};
            List<WorkerView>[] w = new List[] {List.of()};
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "started" -> s[0] = Wire.list(q, Wire::text);
                    case "warnings" -> s[1] = Wire.list(q, Wire::text);
                    case "workers" -> w[0] = Wire.list(q, WorkerView::read);
                    default -> Wire.skip(q);
                }
            });
            return new Started(s[0], s[1], w[0]);
        }
    }

    /** {@code stop}, {@code restart}, {@code reload}: the target, and every worker after the change. */
    public record Changed(String target, List<WorkerView> workers) implements WireValue {
        public Changed {
            workers = List.copyOf(workers);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("target", target);
            Wire.list(g, "workers", workers);
            g.writeEndObject();
        }

        public static Changed read(JsonParser p) throws IOException {
            String[] t = {null};
            List<WorkerView>[] w = new List[] {List.of()};
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "target" -> t[0] = Wire.text(q);
                    case "workers" -> w[0] = Wire.list(q, WorkerView::read);
                    default -> Wire.skip(q);
                }
            });
            return new Changed(t[0], w[0]);
        }
    }

    /** {@code delete}: the ids of the deleted workers. */
    public record Deleted(List<Integer> deleted) implements WireValue {
        public Deleted {
            deleted = List.copyOf(deleted);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeArrayFieldStart("deleted");
            for (int id : deleted) g.writeNumber(id);
            g.writeEndArray();
            g.writeEndObject();
        }

        public static Deleted read(JsonParser p) throws IOException {
            List<Integer>[] d = new List[] {List.of()};
            Wire.object(p, (name, q) -> {
                if (name.equals("deleted")) d[0] = Wire.list(q, JsonParser::getValueAsInt);
                else Wire.skip(q);
            });
            return new Deleted(d[0]);
        }
    }

    /** {@code scale}: the app and its instance count now. */
    public record Scaled(String app, int instances) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("app", app);
            g.writeNumberField("instances", instances);
            g.writeEndObject();
        }

        public static Scaled read(JsonParser p) throws IOException {
            String[] app = {null};
            int[] n = {0};
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "app" -> app[0] = Wire.text(q);
                    case "instances" -> n[0] = q.getValueAsInt();
                    default -> Wire.skip(q);
                }
            });
            return new Scaled(app[0], n[0]);
        }
    }

    /** {@code signal}: for each target worker, whether it had a process to send the signal to. */
    public record Signals(List<Sent> sent) implements WireValue {
        /** One worker's outcome. */
        public record Sent(int id, boolean sent) {}

        public Signals {
            sent = List.copyOf(sent);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartArray();
            for (Sent s : sent) {
                g.writeStartObject();
                g.writeNumberField("id", s.id());
                g.writeBooleanField("sent", s.sent());
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        public static Signals read(JsonParser p) throws IOException {
            return new Signals(Wire.list(p, q -> {
                int[] id = {0};
                boolean[] sent = {false};
                Wire.object(q, (name, r) -> {
                    switch (name) {
                        case "id" -> id[0] = r.getValueAsInt();
                        case "sent" -> sent[0] = r.getValueAsBoolean();
                        default -> Wire.skip(r);
                    }
                });
                return new Sent(id[0], sent[0]);
            }));
        }
    }

    /** {@code reset}: the target whose counters were zeroed. */
    public record ResetDone(String reset) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("reset", reset);
            g.writeEndObject();
        }

        public static ResetDone read(JsonParser p) throws IOException {
            String[] t = {null};
            Wire.object(p, (name, q) -> {
                if (name.equals("reset")) t[0] = Wire.text(q);
                else Wire.skip(q);
            });
            return new ResetDone(t[0]);
        }
    }

    /** {@code save}: the dump file written and how many apps it holds. */
    public record Saved(String saved, int apps) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("saved", saved);
            g.writeNumberField("apps", apps);
            g.writeEndObject();
        }

        public static Saved read(JsonParser p) throws IOException {
            String[] path = {null};
            int[] n = {0};
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "saved" -> path[0] = Wire.text(q);
                    case "apps" -> n[0] = q.getValueAsInt();
                    default -> Wire.skip(q);
                }
            });
            return new Saved(path[0], n[0]);
        }
    }

    /** {@code resurrect}: the apps started from the dump. */
    public record Resurrected(List<String> resurrected) implements WireValue {
        public Resurrected {
            resurrected = List.copyOf(resurrected);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Wire.strings(g, "resurrected", resurrected);
            g.writeEndObject();
        }

        public static Resurrected read(JsonParser p) throws IOException {
            List<String>[] names = new List[] {List.of()};
            Wire.object(p, (name, q) -> {
                if (name.equals("resurrected")) names[0] = Wire.list(q, Wire::text);
                else Wire.skip(q);
            });
            return new Resurrected(names[0]);
        }
    }

    /** {@code flush}: the log files emptied. */
    public record Flushed(List<String> flushed) implements WireValue {
        public Flushed {
            flushed = List.copyOf(flushed);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Wire.strings(g, "flushed", flushed);
            g.writeEndObject();
        }

        public static Flushed read(JsonParser p) throws IOException {
            List<String>[] files = new List[] {List.of()};
            Wire.object(p, (name, q) -> {
                if (name.equals("flushed")) files[0] = Wire.list(q, Wire::text);
                else Wire.skip(q);
            });
            return new Flushed(files[0]);
        }
    }

    /** {@code reloadLogs}: how many log files were reopened. */
    public record Reopened(int reopened) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("reopened", reopened);
            g.writeEndObject();
        }

        public static Reopened read(JsonParser p) throws IOException {
            int[] n = {0};
            Wire.object(p, (name, q) -> {
                if (name.equals("reopened")) n[0] = q.getValueAsInt();
                else Wire.skip(q);
            });
            return new Reopened(n[0]);
        }
    }

    /** {@code metrics}: the Prometheus endpoint's port and URL, or port 0 and a null URL when it is off. */
    public record MetricsServed(int port, String url) implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("port", port);
            g.writeStringField("url", url);
            g.writeEndObject();
        }

        public static MetricsServed read(JsonParser p) throws IOException {
            int[] port = {0};
            String[] url = {null};
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "port" -> port[0] = q.getValueAsInt();
                    case "url" -> url[0] = Wire.text(q);
                    default -> Wire.skip(q);
                }
            });
            return new MetricsServed(port[0], url[0]);
        }
    }

    /** {@code hello}: no result (JSON null); the answer is the message published on the hello topic. */
    public record Done() implements WireValue {
        public static final Done INSTANCE = new Done();

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeNull();
        }

        public static Done read(JsonParser p) throws IOException {
            Wire.skip(p);
            return INSTANCE;
        }
    }

    /**
     * {@code remote-*}: whether other hosts may connect, at which command and event endpoints (null when not), and
     * the server public key that they need.
     */
    public record Remote(boolean enabled, String commandEndpoint, String eventEndpoint, String serverPublicKey)
            implements WireValue {
        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeBooleanField("enabled", enabled);
            g.writeStringField("commandEndpoint", commandEndpoint);
            g.writeStringField("eventEndpoint", eventEndpoint);
            g.writeStringField("serverPublicKey", serverPublicKey);
            g.writeEndObject();
        }

        public static Remote read(JsonParser p) throws IOException {
            boolean[] enabled = {false};
            String[] text = new String[3];
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "enabled" -> enabled[0] = q.getValueAsBoolean();
                    case "commandEndpoint" -> text[0] = Wire.text(q);
                    case "eventEndpoint" -> text[1] = Wire.text(q);
                    case "serverPublicKey" -> text[2] = Wire.text(q);
                    default -> Wire.skip(q);
                }
            });
            return new Remote(enabled[0], text[0], text[1], text[2]);
        }
    }
}
