package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an app's output goes and how its lines are stamped and rotated.
 *
 * @param outFile null = JPM_HOME/logs/&lt;name&gt;-out[-&lt;id&gt;].log
 * @param errorFile null = JPM_HOME/logs/&lt;name&gt;-error[-&lt;id&gt;].log
 * @param dateFormat a java.time pattern; null = ISO-8601 with millis and offset
 * @param timestamps false = lines are written without a timestamp prefix
 */
public record LogSettings(
        Path outFile,
        Path errorFile,
        String dateFormat,
        boolean timestamps,
        boolean mergeLogs,
        AppSpec.LogRotation rotation) {

    public static final LogSettings DEFAULT = Settings.defaults(LogSettings.class, "logs");

    public LogSettings {
        Objects.requireNonNull(rotation, "rotation");
    }
}
