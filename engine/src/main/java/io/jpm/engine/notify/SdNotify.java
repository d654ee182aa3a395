package io.jpm.engine.notify;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Tells the service manager how the daemon is doing, as systemd's {@code sd_notify} does: one datagram per state
 * ({@code READY=1}, {@code STOPPING=1}, {@code STATUS=…}) to the socket named by {@code NOTIFY_SOCKET}. Without that
 * variable (the daemon was not started by a {@code Type=notify} unit) every call does nothing. A failed send is
 * reported to {@code warn} and never thrown: the daemon serves on whether or not systemd hears it.
 */
public final class SdNotify {
    private final String address;
    private final Consumer<String> warn;

    private SdNotify(String address, Consumer<String> warn) {
        this.address = address;
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** The notifier {@code env} asks for: none without {@code NOTIFY_SOCKET}, or with an address it cannot use. */
    public static SdNotify fromEnvironment(Map<String, String> env, Consumer<String> warn) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) return new SdNotify(null, warn);
        if (!socket.startsWith("/") && !socket.startsWith("@")) {
            warn.accept("NOTIFY_SOCKET=" + socket + " is neither a path nor an abstract name; systemd is not told");
            return new SdNotify(null, warn);
        }
        return new SdNotify(socket, warn);
    }

    public boolean enabled() {
        return address != null;
    }

    /** The daemon serves: its control socket is bound and the saved apps are back. */
    public void ready() {
        send("READY=1\nSTATUS=serving");
    }

    /** The daemon has begun to shut down. */
    public void stopping() {
        send("STOPPING=1");
    }

    private void send(String state) {
        if (address == null) return;
        try (UnixDatagramSocket s = UnixDatagramSocket.open()) {
            s.send(address, state);
        } catch (IOException | RuntimeException e) {
            warn.accept("cannot notify systemd at " + address + " ("
                    + state.lines().findFirst().orElse("") + "): " + e.getMessage());
        }
    }
}
