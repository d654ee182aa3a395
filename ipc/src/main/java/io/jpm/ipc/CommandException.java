package io.jpm.ipc;

import java.util.Objects;

/** A failure a command handler reports to the client with a stable code. */
public final class CommandException extends RuntimeException {
    private final ErrorCode code;

    public CommandException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public static CommandException unknownApp(String target) {
        return new CommandException(ErrorCode.UNKNOWN_APP, "no app or worker id matches: " + target);
    }

    public static CommandException badArgument(String message) {
        return new CommandException(ErrorCode.BAD_ARGUMENT, message);
    }
}
