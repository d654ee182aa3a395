package io.jpm.engine.internal;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The daemon's own log: timestamped lines on stdout, which the launcher points at daemon.log. */
public final class DaemonLog {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private final PrintStream out;

    public DaemonLog(PrintStream out) {
        this.out = out;
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARN", message);
    }

    private synchronized void write(String level, String message) {
        out.println(OffsetDateTime.now().format(FORMAT) + " " + level + " " + message);
        out.flush();
    }
}
