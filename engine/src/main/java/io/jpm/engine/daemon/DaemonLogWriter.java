package io.jpm.engine.daemon;

import io.jpm.engine.logs.DaemonLog;
import java.io.IOException;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Writes the daemon's log: timestamped lines on stdout, which the launcher points at daemon.log. With a {@link
 * DaemonLogFile}, the file is rotated by size as lines are written.
 */
public final class DaemonLogWriter implements DaemonLog {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private final PrintStream out;
    private final Optional<DaemonLogFile> file;

    public DaemonLogWriter(PrintStream out) {
        this(out, Optional.empty());
    }

    public DaemonLogWriter(PrintStream out, Optional<DaemonLogFile> file) {
        this.out = out;
        this.file = file;
    }

    @Override
    public void info(String message) {
        write("INFO", message);
    }

    @Override
    public void warn(String message) {
        write("WARN", message);
    }

    /** Reopens daemon.log at its path (SIGUSR2, after an external logrotate). */
    public synchronized void reopen() {
        out.flush();
        file.ifPresent(f -> {
            try {
                f.reopen();
            } catch (IOException e) {
                out.println("cannot reopen " + f.path() + ": " + e.getMessage());
            }
        });
    }

    private synchronized void write(String level, String message) {
        out.println(OffsetDateTime.now().format(FORMAT) + " " + level + " " + message);
        out.flush();
        file.ifPresent(f -> {
            try {
                f.rotateIfLarge();
            } catch (IOException e) {
                out.println("cannot rotate " + f.path() + ": " + e.getMessage());
            }
        });
    }
}
