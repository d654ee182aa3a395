package io.jpm.ipc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jpm.ipc.internal.LeanJsonParser;
import io.jpm.ipc.internal.RequestCodec;
import io.jpm.ipc.wire.History;
import io.jpm.ipc.wire.LogsTail;
import io.jpm.ipc.wire.Results;
import io.jpm.ipc.wire.Wire;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * The daemon's API, typed: one method per command, each returning the command's result record (PM2's API layer).
 * A reply with an error becomes a {@link CommandException} carrying the daemon's code and one-line message; no reply
 * becomes a {@link DaemonUnreachableException}. Replies are read with the records' streaming readers, without data
 * binding.
 *
 * <p>Not thread-safe, like the transport under it: one thread uses one client.
 */
public final class JpmClient implements AutoCloseable {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private final Transport transport;

    public JpmClient(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    public DaemonInfo daemon() {
        return transport.daemon();
    }

    public Transport transport() {
        return transport;
    }

    /** Sends a request with its own timeout (retried twice more if idempotent) and returns its result. */
    public <R extends WireValue> R call(Request<R> request) throws DaemonUnreachableException {
        return call(request, request.timeoutMs(), request.idempotent() ? 2 : 0);
    }

    /** Sends a request with a timeout of the caller's, sending it again up to {@code retries} more times. */
    public <R extends WireValue> R call(Request<R> request, long timeoutMs, int retries)
            throws DaemonUnreachableException {
        byte[] reply = transport.exchange(RequestCodec.encode(request), timeoutMs, retries);
        try {
            return readReply(reply, request.resultReader());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CommandException ce) throw ce;
            throw new DaemonUnreachableException("unreadable reply from the daemon: " + e.getMessage());
        }
    }

    /**
     * Reads a reply frame: the result with {@code result} when it is ok, else throws the daemon's error. The fields may
     * come in any order; the daemon writes {@code ok} first.
     */
    public static <R> R readReply(byte[] frame, Wire.Reader<R> result) throws IOException {
        // jackson-core's own parser costs a one-shot command ~17 ms of class initialization (LeanJsonParser says why);
        // it reads only what the lean one leaves to it, so results and errors are the same
        try {
            return readReply(new LeanJsonParser(frame), new LeanJsonParser(NULL), result);
        } catch (LeanJsonParser.Unsupported e) {
            return readReply(Wire.parser(frame), Wire.parser(NULL), result);
        }
    }

    private static <R> R readReply(JsonParser reply, JsonParser nullResult, Wire.Reader<R> result) throws IOException {
        Object[] v = new Object[4]; // ok, result, code, message
        try (JsonParser p = reply) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("a reply is a JSON object");
            Wire.object(p, (name, q) -> {
                switch (name) {
                    case "ok" -> v[0] = q.getValueAsBoolean();
                    case "result" -> v[1] = result.read(q);
                    case "error" ->
                        Wire.object(q, (f, r) -> {
                            switch (f) {
                                case "code" -> v[2] = Wire.text(r);
                                case "message" -> v[3] = Wire.text(r);
                                default -> Wire.skip(r);
                            }
                        });
                    default -> Wire.skip(q);
                }
            });
        }
        if (Boolean.TRUE.equals(v[0])) {
            @SuppressWarnings("unchecked")
            R r = v[1] == null ? readNull(nullResult, result) : (R) v[1];
            return r;
        }
        throw new CommandException(
                ErrorCode.fromWire((String) v[2]), v[3] == null ? "the daemon gave no reason" : (String) v[3]);
    }

    /** What {@code result} makes of a reply without a result, as of a JSON null. */
    private static <R> R readNull(JsonParser nullResult, Wire.Reader<R> result) throws IOException {
        try (JsonParser p = nullResult) {
            p.nextToken();
            return result.read(p);
        }
    }

    public Results.Pong ping() throws DaemonUnreachableException {
        return call(new Request.Ping());
    }

    public Results.Killed kill() throws DaemonUnreachableException {
        return call(new Request.Kill());
    }

    public Results.Started start(Request.Start start) throws DaemonUnreachableException {
        return call(start);
    }

    public Results.Workers list() throws DaemonUnreachableException {
        return call(new Request.ListWorkers());
    }

    public Results.Details describe(String target, boolean showEnv) throws DaemonUnreachableException {
        return call(new Request.Describe(target, showEnv));
    }

    public Results.Changed stop(String target) throws DaemonUnreachableException {
        return call(new Request.Stop(target));
    }

    public Results.Changed restart(String target, boolean updateEnv, Map<String, String> env)
            throws DaemonUnreachableException {
        return call(new Request.Restart(target, updateEnv, env));
    }

    public Results.Changed reload(String target, boolean updateEnv, Map<String, String> env)
            throws DaemonUnreachableException {
        return call(new Request.Reload(target, updateEnv, env));
    }

    public Results.Deleted delete(String target) throws DaemonUnreachableException {
        return call(new Request.Delete(target));
    }

    public Results.Scaled scale(String app, String count) throws DaemonUnreachableException {
        return call(new Request.Scale(app, count));
    }

    public Results.Signals signal(String signal, String target) throws DaemonUnreachableException {
        return call(new Request.SendSignal(signal, target));
    }

    public Results.ResetDone reset(String target) throws DaemonUnreachableException {
        return call(new Request.Reset(target));
    }

    public Results.Saved save() throws DaemonUnreachableException {
        return call(new Request.Save());
    }

    public Results.Resurrected resurrect() throws DaemonUnreachableException {
        return call(new Request.Resurrect());
    }

    public Results.Flushed flush(String target) throws DaemonUnreachableException {
        return call(new Request.Flush(target));
    }

    public Results.Reopened reloadLogs() throws DaemonUnreachableException {
        return call(new Request.ReloadLogs());
    }

    public LogsTail logs(String target, int lines, String stream) throws DaemonUnreachableException {
        return call(new Request.Logs(target, lines, stream));
    }

    public History history() throws DaemonUnreachableException {
        return call(new Request.History());
    }

    public Results.MetricsServed metrics(int port) throws DaemonUnreachableException {
        return call(new Request.Metrics(port));
    }

    @Override
    public void close() {
        transport.close();
    }
}
