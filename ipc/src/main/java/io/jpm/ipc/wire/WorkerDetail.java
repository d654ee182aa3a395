package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One worker as {@code jpm describe} shows it: the fields of its list item, then its details.
 *
 * @param config the app's settings by PM2 key, in the daemon's order
 * @param env the environment, secret-looking values masked unless asked for
 * @param startedAt epoch ms of the current process, or null
 * @param publicPort cluster mode only (else null, not written)
 * @param metrics the worker's recent usage
 * @param notifyStatus the last {@code STATUS=…} the current process sent on NOTIFY_SOCKET, or null (not written)
 * @param nextCronRestart epoch ms of the next {@code cron_restart}, or null (not written) without one
 * @param probes the health probes of the current process (liveness, readiness): empty (not written) without any
 */
public record WorkerDetail(
        WorkerView view,
        AppConfig config,
        Map<String, String> env,
        LogPaths logs,
        List<ExitRecord> restartHistory,
        Long startedAt,
        Integer publicPort,
        Usage metrics,
        NotifyStatus notifyStatus,
        Long nextCronRestart,
        List<Probe> probes)
        implements WireValue {

    /** One check's result: when it ended (epoch ms), whether it passed, what it saw (truncated), how long it took. */
    public record Check(long at, boolean ok, String output, long tookMs) {}

    /**
     * One health probe of the current process.
     *
     * @param probe {@code liveness} or {@code readiness}
     * @param target what a check reaches ({@code GET http://127.0.0.1:$PORT/health})
     * @param state {@code healthy}, {@code unhealthy} or {@code unknown}
     * @param failures failures in a row
     * @param last the latest check, or null before the first
     * @param lastFailure the latest failed check, or null
     */
    public record Probe(String probe, String target, String state, int failures, Check last, Check lastFailure) {}

    /** A status line a worker's process sent, as {@code sd_notify}'s {@code STATUS=…}, and when (epoch ms). */
    public record NotifyStatus(String text, long at) {}

    /**
     * The worker's files: its log files, and how many of its lines they could not take (a full disk): those lines
     * are in no file and were never published, so this count is their trace; then the file of both streams
     * ({@code log_file}) and the pid file, each null (not written) when there is none.
     */
    public record LogPaths(String out, String err, long unwrittenLines, String combined, String pidFile) {
        public LogPaths(String out, String err, long unwrittenLines) {
            this(out, err, unwrittenLines, null, null);
        }
    }

    /** One ended process: when, how ({@code "code 1"}) and what the policy decided. */
    public record ExitRecord(long at, String exit, String outcome) {}

    /** The worker's usage history: what is measured, the sampling interval, and the series. */
    public record Usage(String scope, long intervalMs, Series history) {}

    public WorkerDetail {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(config, "config");
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        restartHistory = List.copyOf(restartHistory);
        probes = probes == null ? List.of() : List.copyOf(probes);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        view.writeFields(g);
        g.writeFieldName("config");
        config.write(g);
        g.writeFieldName("env");
        Wire.writeAny(g, env);
        g.writeObjectFieldStart("logs");
        g.writeStringField("out", logs.out());
        g.writeStringField("err", logs.err());
        g.writeNumberField("unwrittenLines", logs.unwrittenLines());
        if (logs.combined() != null) g.writeStringField("combined", logs.combined());
        if (logs.pidFile() != null) g.writeStringField("pidFile", logs.pidFile());
        g.writeEndObject();
        g.writeArrayFieldStart("restartHistory");
        for (ExitRecord r : restartHistory) {
            g.writeStartObject();
            g.writeNumberField("at", r.at());
            g.writeStringField("exit", r.exit());
            g.writeStringField("outcome", r.outcome());
            g.writeEndObject();
        }
        g.writeEndArray();
        Wire.nullableNumber(g, "startedAt", startedAt);
        if (publicPort != null) g.writeNumberField("publicPort", publicPort);
        if (notifyStatus != null) {
            g.writeObjectFieldStart("notifyStatus");
            g.writeStringField("text", notifyStatus.text());
            g.writeNumberField("at", notifyStatus.at());
            g.writeEndObject();
        }
        if (nextCronRestart != null) g.writeNumberField("nextCronRestart", nextCronRestart);
        if (!probes.isEmpty()) {
            g.writeArrayFieldStart("probes");
            for (Probe pr : probes) writeProbe(g, pr);
            g.writeEndArray();
        }
        if (metrics != null) {
            g.writeObjectFieldStart("metrics");
            g.writeStringField("scope", metrics.scope());
            g.writeNumberField("intervalMs", metrics.intervalMs());
            g.writeFieldName("history");
            metrics.history().write(g);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    public static WorkerDetail read(JsonParser p) throws IOException {
        WorkerView.Builder view = new WorkerView.Builder();
        AppConfig[] config = {new AppConfig(List.of())};
        Map<String, String> env = new LinkedHashMap<>();
        LogPaths[] logs = {new LogPaths("", "", 0)};
        List<ExitRecord>[] history = new List[] {List.of()};
        Long[] startedAt = {null};
        Integer[] publicPort = {null};
        Usage[] metrics = {null};
        NotifyStatus[] notifyStatus = {null};
        Long[] nextCron = {null};
        List<Probe>[] probes = new List[] {List.of()};
        Wire.object(p, (name, q) -> {
            if (view.field(name, q)) return;
            switch (name) {
                case "config" -> config[0] = AppConfig.read(q);
                case "env" -> env.putAll(Wire.map(q, Wire::text));
                case "logs" -> logs[0] = logPaths(q);
                case "restartHistory" -> history[0] = Wire.list(q, WorkerDetail::exitRecord);
                case "startedAt" -> startedAt[0] = Wire.nullableLong(q);
                case "publicPort" -> publicPort[0] = Wire.nullableInt(q);
                case "metrics" -> metrics[0] = usage(q);
                case "notifyStatus" -> notifyStatus[0] = notifyStatus(q);
                case "nextCronRestart" -> nextCron[0] = Wire.nullableLong(q);
                case "probes" -> probes[0] = Wire.list(q, WorkerDetail::probe);
                default -> Wire.skip(q);
            }
        });
        return new WorkerDetail(
                view.readOut(),
                config[0],
                env,
                logs[0],
                history[0],
                startedAt[0],
                publicPort[0],
                metrics[0],
                notifyStatus[0],
                nextCron[0],
                probes[0]);
    }

    private static void writeProbe(JsonGenerator g, Probe pr) throws IOException {
        g.writeStartObject();
        g.writeStringField("probe", pr.probe());
        g.writeStringField("target", pr.target());
        g.writeStringField("state", pr.state());
        g.writeNumberField("failures", pr.failures());
        writeCheck(g, "last", pr.last());
        writeCheck(g, "lastFailure", pr.lastFailure());
        g.writeEndObject();
    }

    private static void writeCheck(JsonGenerator g, String field, Check c) throws IOException {
        if (c == null) return;
        g.writeObjectFieldStart(field);
        g.writeNumberField("at", c.at());
        g.writeBooleanField("ok", c.ok());
        g.writeStringField("output", c.output());
        g.writeNumberField("tookMs", c.tookMs());
        g.writeEndObject();
    }

    private static Probe probe(JsonParser p) throws IOException {
        String[] s = {"", "", "unknown"};
        int[] failures = {0};
        Check[] checks = {null, null};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "probe" -> s[0] = Wire.text(q);
                case "target" -> s[1] = Wire.text(q);
                case "state" -> s[2] = Wire.text(q);
                case "failures" -> failures[0] = q.getValueAsInt();
                case "last" -> checks[0] = check(q);
                case "lastFailure" -> checks[1] = check(q);
                default -> Wire.skip(q);
            }
        });
        return new Probe(s[0], s[1], s[2], failures[0], checks[0], checks[1]);
    }

    private static Check check(JsonParser p) throws IOException {
        long[] n = {0, 0};
        boolean[] ok = {false};
        String[] output = {""};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "at" -> n[0] = q.getValueAsLong();
                case "ok" -> ok[0] = q.getValueAsBoolean();
                case "output" -> output[0] = Wire.text(q);
                case "tookMs" -> n[1] = q.getValueAsLong();
                default -> Wire.skip(q);
            }
        });
        return new Check(n[0], ok[0], output[0], n[1]);
    }

    private static LogPaths logPaths(JsonParser p) throws IOException {
        String[] paths = {"", "", null, null};
        long[] unwritten = {0};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "out" -> paths[0] = Wire.text(q);
                case "err" -> paths[1] = Wire.text(q);
                case "unwrittenLines" -> unwritten[0] = q.getValueAsLong();
                case "combined" -> paths[2] = Wire.text(q);
                case "pidFile" -> paths[3] = Wire.text(q);
                default -> Wire.skip(q);
            }
        });
        return new LogPaths(paths[0], paths[1], unwritten[0], paths[2], paths[3]);
    }

    private static NotifyStatus notifyStatus(JsonParser p) throws IOException {
        String[] text = {""};
        long[] at = {0};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "text" -> text[0] = Wire.text(q);
                case "at" -> at[0] = q.getValueAsLong();
                default -> Wire.skip(q);
            }
        });
        return new NotifyStatus(text[0], at[0]);
    }

    private static ExitRecord exitRecord(JsonParser p) throws IOException {
        long[] at = {0};
        String[] s = {null, null};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "at" -> at[0] = q.getValueAsLong();
                case "exit" -> s[0] = Wire.text(q);
                case "outcome" -> s[1] = Wire.text(q);
                default -> Wire.skip(q);
            }
        });
        return new ExitRecord(at[0], s[0], s[1]);
    }

    private static Usage usage(JsonParser p) throws IOException {
        String[] scope = {"process"};
        long[] interval = {1000};
        Series[] series = {Series.EMPTY};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "scope" -> scope[0] = Wire.text(q);
                case "intervalMs" -> interval[0] = q.getValueAsLong();
                case "history" -> series[0] = Series.read(q);
                default -> Wire.skip(q);
            }
        });
        return new Usage(scope[0], interval[0], series[0]);
    }
}
