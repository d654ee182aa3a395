package io.jpm.engine.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A daemon log that keeps its lines ("INFO …", "WARN …") for a test to assert on. */
public final class RecordingDaemonLog implements DaemonLog {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    /** Every line so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The warnings so far, without their level. */
    public List<String> warnings() {
        return lines.stream()
                .filter(l -> l.startsWith("WARN "))
                .map(l -> l.substring(5))
                .toList();
    }
}
