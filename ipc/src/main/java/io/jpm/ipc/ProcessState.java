package io.jpm.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux's /proc/PID/stat says of a process. Unlike {@link ProcessHandle#isAlive()}, a zombie (a process that
 * has exited but that its parent has not reaped yet) counts as gone: an orphan's parent is init, which may take
 * seconds to reap it, and nothing is left of a zombie to stop or to wait for.
 */
public final class ProcessState {
    private static final String[] NONE = {};

    private ProcessState() {}

    /** True while {@code pid} names a process that has not exited. */
    public static boolean isRunning(long pid) {
        return isRunning(state(pid));
    }

    /** Whether a state letter of /proc/PID/stat is that of a process that has not exited (0: no such process). */
    public static boolean isRunning(char state) {
        return state != 0 && state != 'Z' && state != 'X';
    }

    /** The state letter of /proc/PID/stat (R, S, D, Z, ...), or 0 if there is no such process. */
    public static char state(long pid) {
        String[] fields = statFields(pid);
        return fields.length == 0 || fields[0].isEmpty() ? 0 : fields[0].charAt(0);
    }

    /**
     * The fields of /proc/PID/stat from the third (the state) on, so that {@code fields[n - 3]} is field {@code n} of
     * proc(5); empty if there is no such process. The second field, the command name in parentheses, may itself hold
     * spaces and parentheses, so the split starts after its last ')'.
     */
    public static String[] statFields(long pid) {
        if (pid <= 0) return NONE;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length()
                    ? NONE
                    : stat.substring(close + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }
}
