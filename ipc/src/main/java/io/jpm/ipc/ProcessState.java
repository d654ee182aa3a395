package io.jpm.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process is still running, as Linux's /proc tells. Unlike {@link ProcessHandle#isAlive()}, a zombie (a
 * process that has exited but that its parent has not reaped yet) counts as gone: an orphan's parent is init, which
 * may take seconds to reap it, and nothing is left of a zombie to stop or to wait for.
 */
public final class ProcessState {
    private ProcessState() {}

    /** True while {@code pid} names a process that has not exited. */
    public static boolean isRunning(long pid) {
        char state = state(pid);
        return state != 0 && state != 'Z' && state != 'X';
    }

    /** The state letter of /proc/PID/stat (R, S, D, Z, ...), or 0 if there is no such process. */
    public static char state(long pid) {
        if (pid <= 0) return 0;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() ? 0 : stat.charAt(close + 2);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
