package io.jpm.tui.top;

import io.jpm.ipc.Request;
import java.util.Objects;

/**
 * A request the console sends on the user's behalf, with the words the status line shows for it.
 *
 * @param label such as {@code restart web#0}
 * @param forDetail whether the result opens the detail view rather than a status message
 * @param host the daemon it goes to in {@code jpm-top --hosts}; empty for the local one
 */
public record Command(String label, Request<?> request, boolean forDetail, String host) {
    public Command {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(request, "request");
        host = host == null ? "" : host;
    }

    public Command(String label, Request<?> request, boolean forDetail) {
        this(label, request, forDetail, "");
    }

    /** This command, sent to {@code host}'s daemon. */
    public Command to(String host) {
        return new Command(host.isEmpty() ? label : label + " on " + host, request, forDetail, host);
    }

    public static Command action(String label, Request<?> request) {
        return new Command(label, request, false);
    }
}
