package io.jpm.tui.top;

import io.jpm.ipc.Request;
import java.util.Objects;

/**
 * A request the console sends on the user's behalf, with the words the status line shows for it.
 *
 * @param label such as {@code restart web#0}
 * @param forDetail whether the result opens the detail view rather than a status message
 */
public record Command(String label, Request<?> request, boolean forDetail) {
    public Command {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(request, "request");
    }

    public static Command action(String label, Request<?> request) {
        return new Command(label, request, false);
    }
}
