package io.jpm.ipc;

import io.jpm.ipc.wire.WireValue;

/**
 * Ok replies whose result may be any value, as a JSON tree, for the transport's tests (and the client's reading of a
 * result written as a plain map); the daemon's own replies are records ({@link Reply#ok}).
 */
final class TreeReplies {
    private TreeReplies() {}

    static Reply ok(Object value) {
        if (value == null || value instanceof WireValue) return Reply.ok((WireValue) value);
        return new Reply(true, Json.MAPPER.valueToTree(value), null);
    }
}
