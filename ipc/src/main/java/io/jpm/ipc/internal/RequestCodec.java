package io.jpm.ipc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.Json;
import io.jpm.ipc.Reply;
import io.jpm.ipc.Request;
import io.jpm.ipc.wire.Wire;
import java.io.IOException;

/**
 * Turns request frames into {@link Request} values, classifying every failure into a distinct error code.
 *
 * <p>Requests are written by their own streaming writers; the daemon's databind reader and reply writer are built on
 * first use (a holder class each), so a client that only encodes a request loads no data binding for it.
 */
public final class RequestCodec {
    private static final class Decoding {
        static final ObjectReader READER = Json.MAPPER.readerFor(Request.class);
    }

    private static final class ReplyEncoding {
        static final ObjectWriter WRITER = Json.MAPPER.writerFor(Reply.class);
    }

    /** The outcome of decoding: a request, or the error reply to send back. */
    public record Decoded(Request<?> request, Reply error) {}

    private RequestCodec() {}

    public static Decoded decode(byte[] frame) {
        try {
            if (frame.length == 0) return fail(ErrorCode.MALFORMED_JSON, "empty request");
            Request<?> request = Decoding.READER.readValue(frame);
            if (request == null) return fail(ErrorCode.MALFORMED_JSON, "request is null");
            return new Decoded(request, null);
        } catch (InvalidTypeIdException e) {
            String id = e.getTypeId();
            return fail(ErrorCode.UNKNOWN_COMMAND, id == null ? "missing cmd" : "unknown command: " + id);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return fail(ErrorCode.BAD_ARGUMENT, cause.getMessage());
        } catch (StreamReadException e) {
            return fail(ErrorCode.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return fail(ErrorCode.BAD_ARGUMENT, "bad argument: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            return fail(
                    ErrorCode.MALFORMED_JSON,
                    "unreadable request: " + e.getClass().getSimpleName());
        }
    }

    /** A request's frame, written by the request itself (no data binding on the client). */
    public static byte[] encode(Request<?> request) {
        return Wire.bytes(request);
    }

    public static byte[] encode(Reply reply) {
        try {
            return ReplyEncoding.WRITER.writeValueAsBytes(reply);
        } catch (JsonProcessingException e) {
            return ("{\"ok\":false,\"error\":{\"code\":\"internal\",\"message\":\"unencodable reply\"}}").getBytes();
        }
    }

    private static Decoded fail(ErrorCode code, String message) {
        return new Decoded(null, Reply.error(code, oneLine(message)));
    }

    private static String oneLine(String message) {
        if (message == null) return "(no message)";
        String s = message.replace('\n', ' ').replace('\r', ' ');
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
