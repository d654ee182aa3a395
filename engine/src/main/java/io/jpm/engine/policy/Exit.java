package io.jpm.engine.policy;

import java.util.Objects;

/**
 * How a worker process ended: an exit code, or the signal that killed it.
 *
 * @param code the exit status when the process exited by itself; -1 when it was killed by a signal
 * @param signal the name of the killing signal such as {@code "SIGKILL"}, or null when it exited by itself
 */
public record Exit(int code, String signal) {

    private static final String[] LINUX_SIGNALS = {
        null,
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS"
    };

    public Exit {
        if (signal == null && (code < 0 || code > 255)) {
            throw new IllegalArgumentException("exit code out of 0..255: " + code);
        }
        if (signal != null && code != -1) {
            throw new IllegalArgumentException("a signal exit has code -1, not " + code + " (" + signal + ")");
        }
    }

    public static Exit code(int code) {
        return new Exit(code, null);
    }

    public static Exit signal(String signal) {
        return new Exit(-1, Objects.requireNonNull(signal, "signal"));
    }

    /**
     * Reads {@link Process#exitValue()}: on Linux the JDK reports death by signal n as 128 + n, so 129..159
     * become signals. A process that really called {@code exit(137)} is reported as SIGKILL; the JDK gives no way
     * to tell the two apart.
     */
    public static Exit fromExitValue(int exitValue) {
        int n = exitValue - 128;
        if (n > 0 && n < LINUX_SIGNALS.length) return signal(LINUX_SIGNALS[n]);
        return code(exitValue & 0xFF);
    }

    public boolean bySignal() {
        return signal != null;
    }

    /** {@code "code 1"} or {@code "signal SIGKILL"}, for reasons and logs. */
    public String describe() {
        return signal != null ? "signal " + signal : "code " + code;
    }
}
