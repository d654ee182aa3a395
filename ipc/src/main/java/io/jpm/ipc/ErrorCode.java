package io.jpm.ipc;

/** The stable error codes a reply can carry. Clients may branch on them; their wire names never change. */
public enum ErrorCode {
    MALFORMED_JSON("malformed_json"),
    UNKNOWN_COMMAND("unknown_command"),
    BAD_ARGUMENT("bad_argument"),
    UNKNOWN_APP("unknown_app"),
    CONFLICT("conflict"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode c : values()) if (c.wire.equals(wire)) return c;
        return INTERNAL;
    }
}
