package io.jpm.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config block of {@code describe}: the settings {@link Settings} marks as shown, in its order, with the values
 * jpm runs the app with (durations in ms, sizes in bytes). The cluster settings show only for a cluster app with a
 * public port.
 */
public final class DescribeBlock {

    private DescribeBlock() {}

    public static Map<String, Object> of(AppSpec s) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.shown() == Setting.Shown.NEVER) continue;
            if (setting.shown() == Setting.Shown.CLUSTER && s.cluster().port() <= 0) continue;
            c.put(setting.label(), setting.describe(s));
        }
        return c;
    }
}
