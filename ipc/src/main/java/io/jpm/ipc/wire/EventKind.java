package io.jpm.ipc.wire;

import java.util.Locale;

/** What happened to a worker, as the {@code event} field of an {@code event.<app>} message names it. */
public enum EventKind {
    START,
    ONLINE,
    EXIT,
    RESTART,
    RELOAD,
    STOPPING,
    STOP,
    ERRORED,
    DELETE;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static EventKind fromWire(String wire) {
        for (EventKind k : values()) if (k.wire.equals(wire)) return k;
        throw new IllegalArgumentException("unknown event: " + wire);
    }
}
