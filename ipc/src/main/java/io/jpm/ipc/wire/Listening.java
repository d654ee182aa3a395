package io.jpm.ipc.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * How a cluster app takes its connections: {@code "proxy"} (jpm's balancer relays them) or {@code "socket"} (the
 * workers accept on the daemon's socket), with, in the socket mode, the connections waiting in the socket's accept
 * queue now: a number that stays above 0 means the workers cannot keep up.
 *
 * @param queued connections waiting to be accepted; -1 (not written) when unknown or in the proxy mode
 */
public record Listening(String mode, int queued) implements WireValue {
    public Listening {
        java.util.Objects.requireNonNull(mode, "mode");
    }

    /** One line for describe and jpm-top: {@code "proxy"}, or {@code "socket, 3 queued"}. */
    public String summary() {
        return queued < 0 ? mode : mode + ", " + queued + " queued";
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("mode", mode);
        if (queued >= 0) g.writeNumberField("queued", queued);
        g.writeEndObject();
    }

    public static Listening read(JsonParser p) throws IOException {
        String[] mode = {"proxy"};
        int[] queued = {-1};
        Wire.object(p, (name, q) -> {
            switch (name) {
                case "mode" -> mode[0] = Wire.text(q);
                case "queued" -> queued[0] = q.getValueAsInt();
                default -> Wire.skip(q);
            }
        });
        return new Listening(mode[0], queued[0]);
    }
}
