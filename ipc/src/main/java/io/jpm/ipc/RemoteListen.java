package io.jpm.ipc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a daemon listens for other hosts: commands on {@code tcp://host:port}, events on {@code tcp://host:port+1}.
 */
public record RemoteListen(String host, int port) {
    private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+|\\*):(\\d{1,5})");

    public RemoteListen {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("an address is required");
        if (port < 1 || port > 65534) throw new IllegalArgumentException("port out of 1..65534: " + port);
    }

    /** Reads {@code ADDR:PORT}, for example {@code 10.0.0.5:7070} or {@code *:7070} (every address). */
    public static RemoteListen parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) throw new IllegalArgumentException("expected ADDR:PORT, e.g. 10.0.0.5:7070: " + text);
        return new RemoteListen(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** The command (ROUTER) endpoint. */
    public String commandEndpoint() {
        return "tcp://" + host + ":" + port;
    }

    /** The event (PUB) endpoint: the next port. */
    public String eventEndpoint() {
        return "tcp://" + host + ":" + (port + 1);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
