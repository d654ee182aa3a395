package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * The readings of the log keys with rules of their own ({@code out_file}, {@code log_file}, {@code log_type},
 * {@code log_date_format}, {@code max_size}): each is the reader of one declaration in {@link Settings}.
 */
final class LogKeyReaders {

    private LogKeyReaders() {}

    /** A log (or pid) path: PM2's {@code NULL} or {@code /dev/null} discard, else relative to the app's cwd. */
    static Path logFile(Reading in, AppKey key) {
        AppReader r = in.r;
        String value = r.string(key);
        if (value == null) return null;
        if (value.isBlank()) {
            r.error(key, r.get(key), "is empty");
            return null;
        }
        if (value.equals("NULL") || value.equals("/dev/null")) return Path.of("/dev/null");
        Path cwd = in.get(Settings.CWD);
        return UserPath.resolve(cwd == null ? in.parser.baseCwd : cwd, value, in.parser.baseEnv);
    }

    /**
     * PM2's {@code log_type}: {@code "json"} writes each line as a JSON object; {@code "raw"} (PM2's default) not;
     * anything else is a warning (PM2 ignores it), never a failed start.
     */
    static boolean jsonLines(Reading in) {
        String type = in.r.string(Settings.LOG_TYPE.key());
        if (type == null || type.equals("raw")) return false;
        if (type.equals("json")) return true;
        in.r.warn("log_type " + in.r.get(Settings.LOG_TYPE.key()) + " is not json or raw; lines are written raw");
        return false;
    }

    /**
     * PM2's {@code log_file}, the file of both streams: {@code true} is {@code <name>.log} in JPM_HOME/logs (a
     * relative path, which the app's logs resolve there), {@code false} none, a string a path as for
     * {@code out_file}.
     */
    static Path combinedLog(Reading in) {
        JsonNode v = in.r.get(Settings.LOG_FILE.key());
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) {
            String name = in.get(Settings.NAME);
            return v.booleanValue() && name != null ? Path.of(name + ".log") : null;
        }
        return logFile(in, Settings.LOG_FILE.key());
    }

    /**
     * {@code log_date_format}: a moment token jpm cannot translate is a warning and the default format applies, so
     * that a log format never stops an app from starting.
     */
    static String dateFormat(Reading in) {
        AppReader r = in.r;
        String moment = r.string(Settings.LOG_DATE_FORMAT.key());
        if (moment == null) return null;
        String format;
        try {
            format = MomentFormat.toJava(moment);
        } catch (IllegalArgumentException e) {
            r.warn("log_date_format " + r.get(Settings.LOG_DATE_FORMAT.key()) + " " + e.getMessage()
                    + "; the default format is used");
            return null;
        }
        if (!in.getOrDefault(Settings.TIME)) r.warn("log_date_format was ignored: time is false");
        return format;
    }

    static long logMaxSize(Reading in) {
        long d = AppSpec.LogRotation.DEFAULT_MAX_BYTES;
        long maxSize = in.r.bytes(Settings.LOG_MAX_SIZE.key(), d);
        if (maxSize < 1024) {
            in.r.error(Settings.LOG_MAX_SIZE.key(), in.r.get(Settings.LOG_MAX_SIZE.key()), "is below 1024 bytes");
            return d;
        }
        return maxSize;
    }
}
