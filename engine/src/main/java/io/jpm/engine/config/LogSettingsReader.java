package io.jpm.engine.config;

import io.jpm.ipc.AppKey;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the log section of one app: log files, timestamps and rotation.
 *
 * <p>A {@code log_date_format} that uses a moment token jpm cannot translate is a warning and the default format
 * applies: a log format never stops an app from starting.
 */
final class LogSettingsReader {

    private final Map<String, String> baseEnv;
    private final Path baseCwd;

    LogSettingsReader(Map<String, String> baseEnv, Path baseCwd) {
        this.baseEnv = baseEnv;
        this.baseCwd = baseCwd;
    }

    /** @param cwd the app's folder, or null when it was bad (paths then resolve against the base folder) */
    LogSettings read(AppReader r, Path cwd) {
        Path outFile = logFile(r, cwd, AppKey.OUT_FILE);
        Path errorFile = logFile(r, cwd, AppKey.ERROR_FILE);
        boolean timestamps = r.bool(AppKey.TIME, true);
        String dateFormat = dateFormat(r);
        if (!timestamps && dateFormat != null) r.warn("log_date_format was ignored: time is false");
        AppSpec.LogRotation d = AppSpec.LogRotation.DEFAULT;
        long maxSize = r.bytes(AppKey.LOG_MAX_SIZE, d.maxBytes());
        if (maxSize < 1024) {
            r.error(AppKey.LOG_MAX_SIZE, r.get(AppKey.LOG_MAX_SIZE), "is below 1024 bytes");
            maxSize = d.maxBytes();
        }
        int keep = r.integer(AppKey.LOG_KEEP, d.keep(), 1, 1000);
        boolean compress = r.bool(AppKey.LOG_COMPRESS, d.compress());
        boolean mergeLogs = r.bool(AppKey.MERGE_LOGS, false);
        return new LogSettings(
                outFile,
                errorFile,
                dateFormat,
                timestamps,
                mergeLogs,
                new AppSpec.LogRotation(maxSize, keep, compress));
    }

    /** A log path: PM2's {@code NULL} or {@code /dev/null} discard, else relative to the app's cwd. */
    private Path logFile(AppReader r, Path cwd, AppKey key) {
        String value = r.string(key);
        if (value == null) return null;
        if (value.isBlank()) {
            r.error(key, r.get(key), "is empty");
            return null;
        }
        if (value.equals("NULL") || value.equals("/dev/null")) return Path.of("/dev/null");
        return UserPath.resolve(cwd == null ? baseCwd : cwd, value, baseEnv);
    }

    private static String dateFormat(AppReader r) {
        String moment = r.string(AppKey.LOG_DATE_FORMAT);
        if (moment == null) return null;
        try {
            return MomentFormat.toJava(moment);
        } catch (IllegalArgumentException e) {
            r.warn("log_date_format " + r.get(AppKey.LOG_DATE_FORMAT) + " " + e.getMessage()
                    + "; the default format is used");
            return null;
        }
    }
}
