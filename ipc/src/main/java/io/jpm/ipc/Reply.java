package io.jpm.ipc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.jpm.ipc.wire.WireValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** The daemon's answer to one request: {@code ok} with a result, or an error with a stable code and a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reply(boolean ok, JsonNode result, Error error) {

    /** Why a request failed. */
    public record Error(ErrorCode code, String message) {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * An ok reply, its result written by the record's own writer: a command's result is always one of the wire's
     * records (or null for none), never a map that Jackson would bind.
     */
    public static Reply ok(WireValue result) {
        JsonNode node;
        if (result == null) {
            node = NullNode.getInstance();
        } else {
            try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
                result.write(buffer);
                node = Json.MAPPER.readTree(buffer.asParser());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Reply(true, node, null);
    }

    public static Reply error(ErrorCode code, String message) {
        return new Reply(false, null, new Error(code, message));
    }

    /**
     * Reads a reply from its JSON tree. Clients read replies this way rather than by binding the record: binding
     * introspects the records on first use, which a one-shot command pays for on every run.
     */
    public static Reply fromTree(JsonNode node) {
        if (node == null || !node.isObject()) throw new IllegalArgumentException("a reply is a JSON object");
        JsonNode e = node.get("error");
        Error error = e == null || e.isNull()
                ? null
                : new Error(
                        ErrorCode.fromWire(e.path("code").asText()),
                        e.path("message").asText());
        return new Reply(node.path("ok").asBoolean(), node.get("result"), error);
    }

    public Reply {
        if (ok == (error != null)) throw new IllegalArgumentException("a reply is ok xor has an error");
    }
}
