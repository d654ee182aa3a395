package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an app's output goes and how its lines are stamped and rotated, and where its workers' pids are written.
 *
 * @param outFile null = JPM_HOME/logs/&lt;name&gt;-out[-&lt;id&gt;].log
 * @param errorFile null = JPM_HOME/logs/&lt;name&gt;-error[-&lt;id&gt;].log
 * @param logFile PM2's {@code log_file}, one more file that takes both streams: null = none; a relative path is
 *     under JPM_HOME/logs ({@code log_file: true} is {@code <name>.log} there); without merge_logs the worker id goes
 *     before the extension, as for the other two
 * @param pidFile PM2's {@code pid_file}: null = JPM_HOME/pids/&lt;name&gt;-&lt;id&gt;.pid; a path gets the worker id
 *     before its extension; {@code /dev/null} = none
 * @param dateFormat a java.time pattern; null = ISO-8601 with millis and offset
 * @param timestamps false = lines are written without a timestamp prefix
 * @param jsonLines PM2's {@code log_type: "json"}: each line is written as one JSON object (message, timestamp,
 *     type, process_id, app_name)
 */
public record LogSettings(
        Path outFile,
        Path errorFile,
        Path logFile,
        Path pidFile,
        String dateFormat,
        boolean timestamps,
        boolean jsonLines,
        boolean mergeLogs,
        AppSpec.LogRotation rotation) {

    public static final LogSettings DEFAULT = Settings.defaults(LogSettings.class, "logs");

    public LogSettings {
        Objects.requireNonNull(rotation, "rotation");
    }
}
