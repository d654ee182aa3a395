package io.jpm.engine.config;

import io.jpm.ipc.wire.AppConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The config block of {@code describe}: the settings {@link Settings} marks as shown, in its order, with the values
 * jpm runs the app with (durations in ms, sizes in bytes). The cluster settings show only for a cluster app with a
 * public port or a socket path.
 */
public final class DescribeBlock {

    private DescribeBlock() {}

    public static AppConfig of(AppSpec s) {
        List<AppConfig.Entry> entries = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.shown() == Setting.Shown.NEVER) continue;
            if (setting.shown() == Setting.Shown.CLUSTER && !s.cluster().hasAddress()) continue;
            entries.add(new AppConfig.Entry(setting.label(), value(setting.describe(s))));
        }
        return new AppConfig(entries);
    }

    /** The typed wire value of what a declaration shows; a shown value of another type is a catalogue bug. */
    static AppConfig.Value value(Object v) {
        return switch (v) {
            case null -> new AppConfig.Unset();
            case String text -> new AppConfig.Text(text);
            case Integer n -> new AppConfig.Whole(n);
            case Long n -> new AppConfig.Whole(n);
            case Double d -> new AppConfig.Decimal(d);
            case Boolean b -> new AppConfig.Flag(b);
            case Collection<?> items ->
                new AppConfig.Items(items.stream()
                        .sorted(DescribeBlock::inOrder)
                        .map(DescribeBlock::value)
                        .toList());
            default ->
                throw new IllegalArgumentException(
                        "describe cannot show " + v.getClass().getSimpleName());
        };
    }

    /** Lists keep their order; a set (exit codes) shows sorted, so that describe is stable. */
    private static int inOrder(Object a, Object b) {
        return a instanceof Integer x && b instanceof Integer y ? Integer.compare(x, y) : 0;
    }
}
