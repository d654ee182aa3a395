package io.jpm.ipc;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.wire.LogsTail;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A command from a client to the daemon. On the wire it is one JSON object whose {@code cmd} field is the
 * record's fixed wire name, for example {@code {"cmd":"stop","target":"api"}}.
 *
 * <p>Each record validates its own arguments in its constructor; a bad value fails there with the value in the
 * message, and the server answers {@link ErrorCode#BAD_ARGUMENT}.
 *
 * <p>It is long because it is the whole sealed family, one record of about twenty lines per command (its wire name,
 * checks, timeout, writer and the reader of its result), kept in one file so that the compiler's exhaustive switch
 * in the daemon ({@code Supervisor.handle}) and a reader of the protocol see every command in one place; the shared
 * checks and writers above the records are private to it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "cmd")
@JsonSubTypes({
    @JsonSubTypes.Type(Request.Ping.class),
    @JsonSubTypes.Type(Request.Kill.class),
    @JsonSubTypes.Type(Request.Update.class),
    @JsonSubTypes.Type(Request.Start.class),
    @JsonSubTypes.Type(Request.ListWorkers.class),
    @JsonSubTypes.Type(Request.Describe.class),
    @JsonSubTypes.Type(Request.Stop.class),
    @JsonSubTypes.Type(Request.Restart.class),
    @JsonSubTypes.Type(Request.Reload.class),
    @JsonSubTypes.Type(Request.Delete.class),
    @JsonSubTypes.Type(Request.Scale.class),
    @JsonSubTypes.Type(Request.SendSignal.class),
    @JsonSubTypes.Type(Request.Reset.class),
    @JsonSubTypes.Type(Request.Save.class),
    @JsonSubTypes.Type(Request.Resurrect.class),
    @JsonSubTypes.Type(Request.Flush.class),
    @JsonSubTypes.Type(Request.ReloadLogs.class),
    @JsonSubTypes.Type(Request.Logs.class),
    @JsonSubTypes.Type(Request.History.class),
    @JsonSubTypes.Type(Request.Metrics.class),
    @JsonSubTypes.Type(Request.Hello.class),
    @JsonSubTypes.Type(Request.RemoteEnable.class),
    @JsonSubTypes.Type(Request.RemoteDisable.class),
    @JsonSubTypes.Type(Request.RemoteStatus.class),
})
public sealed interface Request<R extends WireValue> extends WireValue {

    /** Target meaning every app. */
    String ALL = "all";

    /**
     * Writes this request as its wire object, {@code cmd} first, with jackson-core only: a client encodes its request
     * without data binding. The daemon reads it back with {@code RequestCodec.decode}.
     */
    @Override
    void write(JsonGenerator g) throws IOException;

    /** The reader of this command's result, the {@code result} field of an ok reply. */
    Wire.Reader<R> resultReader();

    /** How long a client should wait for this command's reply before giving up. */
    default long timeoutMs() {
        return 10_000;
    }

    /** Whether a lost reply may be retried by resending the request (Lazy Pirate). */
    default boolean idempotent() {
        return false;
    }

    /** A command that stops or starts process trees, so its reply may wait as long as the apps' kill timeouts. */
    sealed interface ProcessChange<R extends WireValue> extends Request<R> {
        @Override
        default long timeoutMs() {
            return 120_000;
        }
    }

    private static void requireMatch(Pattern pattern, String value, String problem) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(problem + ": " + value);
        }
    }

    /** A request that is its command alone. */
    private static void writeCommand(JsonGenerator g, String cmd) throws IOException {
        g.writeStartObject();
        g.writeStringField("cmd", cmd);
        g.writeEndObject();
    }

    /** A request that names its command and a target. */
    private static void writeTarget(JsonGenerator g, String cmd, String target) throws IOException {
        g.writeStartObject();
        g.writeStringField("cmd", cmd);
        g.writeStringField("target", target);
        g.writeEndObject();
    }

    /** A restart or reload: a target, and the client's environment when {@code updateEnv}. */
    private static void writeChange(
            JsonGenerator g, String cmd, String target, boolean updateEnv, Map<String, String> env) throws IOException {
        g.writeStartObject();
        g.writeStringField("cmd", cmd);
        g.writeStringField("target", target);
        g.writeBooleanField("updateEnv", updateEnv);
        writeStrings(g, "env", env);
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, Map<String, String> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : values.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    /** Ecosystem entries are already trees: their text is written as it is. */
    private static void writeNodes(JsonGenerator g, String field, List<JsonNode> nodes) throws IOException {
        g.writeArrayFieldStart(field);
        for (JsonNode n : nodes) g.writeRawValue(n.toString());
        g.writeEndArray();
    }

    private static String requireTarget(String target) {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("target is required");
        return target;
    }

    @JsonTypeName(Ping.CMD)
    record Ping() implements Request<Results.Pong> {
        static final String CMD = "ping";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Pong> resultReader() {
            return Results.Pong::read;
        }

        @Override
        public long timeoutMs() {
            return 3_000;
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }

    /** Stops every app gracefully, then the daemon. */
    @JsonTypeName(Kill.CMD)
    record Kill() implements Request<Results.Killed> {
        static final String CMD = "kill";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Killed> resultReader() {
            return Results.Killed::read;
        }

        @Override
        public long timeoutMs() {
            return 60_000;
        }
    }

    /**
     * Ends the daemon alone, as a crash would but cleanly: every app keeps running, recorded in state.json, for the
     * next daemon to adopt ({@code jpm update}, which starts that daemon, from the jars installed now). The reply
     * names the pid of the daemon that is ending.
     */
    @JsonTypeName(Update.CMD)
    record Update() implements Request<Results.Killed> {
        static final String CMD = "update";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Killed> resultReader() {
            return Results.Killed::read;
        }

        @Override
        public long timeoutMs() {
            return 60_000;
        }
    }

    /**
     * Starts apps: the raw ecosystem entries in {@code apps} (PM2 keys), or those of the ecosystem file at
     * {@code source} (JSON, YAML or a PM2 .config.js), optionally only the comma-separated names in {@code only}.
     * The daemon validates every app before starting any. {@code env} and {@code cwd} are the client's; apps
     * inherit the environment, and {@code profile} picks {@code env_<profile>}.
     *
     * <p>The entries stay JSON trees on the wire, the one untyped part of a request, on purpose: they are PM2's open
     * app objects, and the engine's {@code Settings} is the one reader of their keys (with PM2's aliases, rules and
     * warnings), which a typed record here would declare a second time.
     *
     * <p>As PM2's start: an app of the file that exists is restarted ({@code reload}: reloaded, as
     * {@code startOrReload}); a script whose app runs already is refused unless {@code force}, which adds its
     * instances to that app; a script that names an existing app or worker id restarts it.
     */
    @JsonTypeName(Start.CMD)
    record Start(
            List<JsonNode> apps,
            Map<String, String> env,
            String cwd,
            String profile,
            String source,
            String only,
            boolean force,
            boolean reload)
            implements Request<Results.Started> {
        static final String CMD = "start";

        /** A start that restarts the apps that exist and refuses a duplicate. */
        public Start(
                List<JsonNode> apps, Map<String, String> env, String cwd, String profile, String source, String only) {
            this(apps, env, cwd, profile, source, only, false, false);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            writeNodes(g, "apps", apps);
            writeStrings(g, "env", env);
            g.writeStringField("cwd", cwd);
            g.writeStringField("profile", profile);
            g.writeStringField("source", source);
            g.writeStringField("only", only);
            g.writeBooleanField("force", force);
            g.writeBooleanField("reload", reload);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Started> resultReader() {
            return Results.Started::read;
        }

        public Start {
            apps = apps == null ? List.of() : List.copyOf(apps);
            if (apps.isEmpty() && (source == null || source.isBlank())) {
                throw new IllegalArgumentException("nothing to start: give apps or an ecosystem file");
            }
            if (cwd == null || cwd.isBlank()) throw new IllegalArgumentException("cwd is required");
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        @Override
        public long timeoutMs() {
            return 60_000;
        }
    }

    @JsonTypeName(ListWorkers.CMD)
    record ListWorkers() implements Request<Results.Workers> {
        static final String CMD = "list";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Workers> resultReader() {
            return Results.Workers::read;
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }

    @JsonTypeName(Describe.CMD)
    record Describe(String target, boolean showEnv) implements Request<Results.Details> {
        static final String CMD = "describe";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("target", target);
            g.writeBooleanField("showEnv", showEnv);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Details> resultReader() {
            return Results.Details::read;
        }

        public Describe {
            requireTarget(target);
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }

    /** Stops; as PM2's, every stop also ends the app's watching ({@code restart --watch} turns it on again). */
    @JsonTypeName(Stop.CMD)
    record Stop(String target) implements ProcessChange<Results.Changed> {
        static final String CMD = "stop";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("target", target);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Changed> resultReader() {
            return Results.Changed::read;
        }

        public Stop {
            requireTarget(target);
        }
    }

    /**
     * Restarts; with {@code updateEnv} the app takes {@code env} (the client's) instead of its saved one; with
     * {@code toggleWatch} the app's watching is switched (PM2's {@code restart --watch}: on, at the app's cwd, when
     * it was off; off when it was on).
     */
    @JsonTypeName(Restart.CMD)
    record Restart(String target, boolean updateEnv, Map<String, String> env, boolean toggleWatch)
            implements ProcessChange<Results.Changed> {
        static final String CMD = "restart";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("target", target);
            g.writeBooleanField("updateEnv", updateEnv);
            writeStrings(g, "env", env);
            g.writeBooleanField("toggleWatch", toggleWatch);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Changed> resultReader() {
            return Results.Changed::read;
        }

        public Restart {
            requireTarget(target);
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        /** A restart that leaves watching as it is. */
        public Restart(String target, boolean updateEnv, Map<String, String> env) {
            this(target, updateEnv, env, false);
        }
    }

    /** Zero-downtime reload: each instance's replacement starts (and is ready) before the old one stops. */
    @JsonTypeName(Reload.CMD)
    record Reload(String target, boolean updateEnv, Map<String, String> env) implements Request<Results.Changed> {
        static final String CMD = "reload";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeChange(g, CMD, target, updateEnv, env);
        }

        @Override
        public Wire.Reader<Results.Changed> resultReader() {
            return Results.Changed::read;
        }

        public Reload {
            requireTarget(target);
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        @Override
        public long timeoutMs() {
            return 600_000;
        }
    }

    @JsonTypeName(Delete.CMD)
    record Delete(String target) implements ProcessChange<Results.Deleted> {
        static final String CMD = "delete";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeTarget(g, CMD, target);
        }

        @Override
        public Wire.Reader<Results.Deleted> resultReader() {
            return Results.Deleted::read;
        }

        public Delete {
            requireTarget(target);
        }
    }

    /** Scales an app to {@code count} instances: {@code "4"}, {@code "+2"} or {@code "-1"}. */
    @JsonTypeName(Scale.CMD)
    record Scale(String app, String count) implements ProcessChange<Results.Scaled> {
        static final String CMD = "scale";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("app", app);
            g.writeStringField("count", count);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Scaled> resultReader() {
            return Results.Scaled::read;
        }

        private static final Pattern COUNT = Pattern.compile("[+-]?\\d{1,6}");

        public Scale {
            requireTarget(app);
            requireMatch(COUNT, count, "count must be N, +N or -N");
        }
    }

    @JsonTypeName(SendSignal.CMD)
    record SendSignal(String signal, String target) implements Request<Results.Signals> {
        static final String CMD = "signal";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("signal", signal);
            g.writeStringField("target", target);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Signals> resultReader() {
            return Results.Signals::read;
        }

        private static final Pattern NAME = Pattern.compile("(SIG)?[A-Z0-9]{2,8}|\\d{1,2}");

        public SendSignal {
            requireTarget(target);
            requireMatch(NAME, signal, "not a signal name");
        }
    }

    /** Zeroes the restart counters (and clears errored state) of an app. */
    @JsonTypeName(Reset.CMD)
    record Reset(String target) implements Request<Results.ResetDone> {
        static final String CMD = "reset";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeTarget(g, CMD, target);
        }

        @Override
        public Wire.Reader<Results.ResetDone> resultReader() {
            return Results.ResetDone::read;
        }

        public Reset {
            requireTarget(target);
        }
    }

    @JsonTypeName(Save.CMD)
    record Save() implements Request<Results.Saved> {
        static final String CMD = "save";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Saved> resultReader() {
            return Results.Saved::read;
        }
    }

    @JsonTypeName(Resurrect.CMD)
    record Resurrect() implements Request<Results.Resurrected> {
        static final String CMD = "resurrect";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Resurrected> resultReader() {
            return Results.Resurrected::read;
        }

        @Override
        public long timeoutMs() {
            return 60_000;
        }
    }

    /** Empties the log files of an app, or of all apps when target is null. */
    @JsonTypeName(Flush.CMD)
    record Flush(String target) implements Request<Results.Flushed> {
        static final String CMD = "flush";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeTarget(g, CMD, target);
        }

        @Override
        public Wire.Reader<Results.Flushed> resultReader() {
            return Results.Flushed::read;
        }
    }

    /** Reopens every log file (for an external logrotate). */
    @JsonTypeName(ReloadLogs.CMD)
    record ReloadLogs() implements Request<Results.Reopened> {
        static final String CMD = "reloadLogs";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<Results.Reopened> resultReader() {
            return Results.Reopened::read;
        }
    }

    /**
     * The last {@code lines} lines of an app's logs ({@code target} null or "all" for every app), with the sequence
     * numbers that let a client join them to the live stream without a gap or a duplicate.
     */
    @JsonTypeName(Logs.CMD)
    record Logs(String target, int lines, String stream) implements Request<LogsTail> {
        static final String CMD = "logs";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("target", target);
            g.writeNumberField("lines", lines);
            g.writeStringField("stream", stream);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<LogsTail> resultReader() {
            return LogsTail::read;
        }

        public Logs {
            if (lines < 0 || lines > 100_000) throw new IllegalArgumentException("lines out of 0..100000: " + lines);
            if (stream != null && !stream.equals("out") && !stream.equals("err")) {
                throw new IllegalArgumentException("stream must be out or err: " + stream);
            }
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }

    /** The CPU and memory history of every worker, app and the host. */
    @JsonTypeName(History.CMD)
    record History() implements Request<io.jpm.ipc.wire.History> {
        static final String CMD = "history";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public Wire.Reader<io.jpm.ipc.wire.History> resultReader() {
            return io.jpm.ipc.wire.History::read;
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }

    /**
     * Turns the Prometheus endpoint on at {@code port}, or off with port 0. {@code address} is where it binds: null for
     * 127.0.0.1 only, else an address of the host or {@code *} for every address (plain HTTP, no authentication).
     */
    @JsonTypeName(Metrics.CMD)
    record Metrics(int port, String address) implements Request<Results.MetricsServed> {
        static final String CMD = "metrics";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeNumberField("port", port);
            if (address != null) g.writeStringField("address", address);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.MetricsServed> resultReader() {
            return Results.MetricsServed::read;
        }

        public Metrics {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of 0..65535: " + port);
            if (address != null) RemoteListen.parse(address + ":" + Math.max(1, Math.min(port, 65534)));
        }

        /** On 127.0.0.1 only. */
        public Metrics(int port) {
            this(port, null);
        }
    }

    /**
     * Asks the daemon to publish one message on {@code topic}. A subscriber that receives it knows that its
     * subscriptions, sent before, are in effect, so that nothing published afterwards is missed.
     */
    @JsonTypeName(Hello.CMD)
    record Hello(String topic) implements Request<Results.Done> {
        static final String CMD = "hello";

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("topic", topic);
            g.writeEndObject();
        }

        @Override
        public Wire.Reader<Results.Done> resultReader() {
            return Results.Done::read;
        }

        public Hello {
            if (topic == null || !topic.startsWith(Topics.HELLO_PREFIX) || topic.length() > 100) {
                throw new IllegalArgumentException("topic must start with hello.: " + topic);
            }
        }

        @Override
        public long timeoutMs() {
            return 3_000;
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }

    /** A command about access from other hosts; only a local client may send one. */
    sealed interface RemoteAccess extends Request<Results.Remote> {
        @Override
        default Wire.Reader<Results.Remote> resultReader() {
            return Results.Remote::read;
        }
    }

    /** Makes the daemon listen for other hosts at {@code listen} (ADDR:PORT) from now on, across restarts. */
    @JsonTypeName(RemoteEnable.CMD)
    record RemoteEnable(String listen) implements RemoteAccess, Request<Results.Remote> {
        static final String CMD = "remote-enable";

        public RemoteEnable {
            RemoteListen.parse(listen);
        }

        @Override
        public void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("cmd", CMD);
            g.writeStringField("listen", listen);
            g.writeEndObject();
        }
    }

    /** Stops listening for other hosts; their connections end. */
    @JsonTypeName(RemoteDisable.CMD)
    record RemoteDisable() implements RemoteAccess, Request<Results.Remote> {
        static final String CMD = "remote-disable";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }
    }

    /** Where the daemon listens for other hosts, and its server public key. */
    @JsonTypeName(RemoteStatus.CMD)
    record RemoteStatus() implements RemoteAccess, Request<Results.Remote> {
        static final String CMD = "remote-status";

        @Override
        public void write(JsonGenerator g) throws IOException {
            writeCommand(g, CMD);
        }

        @Override
        public boolean idempotent() {
            return true;
        }
    }
}
