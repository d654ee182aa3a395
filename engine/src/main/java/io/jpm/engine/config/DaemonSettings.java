package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.RemoteListen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's own settings, from {@code JPM_HOME/settings.json}, read once at start-up:
 * {@code sampleIntervalMs} (how often metrics are sampled, default 1000) and {@code metricsPort} (the port
 * of the Prometheus endpoint, 0 = off) and {@code metricsAddress} (where it binds; absent for 127.0.0.1 only). A bad
 * value is reported and replaced by its default; the daemon
 * still starts. Writing keeps any other key of the file.
 */
public record DaemonSettings(long sampleIntervalMs, int metricsPort, String metricsAddress) {
    public static final long DEFAULT_SAMPLE_INTERVAL_MS = 1000;
    public static final long MIN_SAMPLE_INTERVAL_MS = 100;
    public static final long MAX_SAMPLE_INTERVAL_MS = 60_000;
    public static final DaemonSettings DEFAULT = new DaemonSettings(DEFAULT_SAMPLE_INTERVAL_MS, 0, null);

    public DaemonSettings {
        if (sampleIntervalMs < MIN_SAMPLE_INTERVAL_MS || sampleIntervalMs > MAX_SAMPLE_INTERVAL_MS) {
            throw new IllegalArgumentException("sampleIntervalMs out of " + MIN_SAMPLE_INTERVAL_MS + ".."
                    + MAX_SAMPLE_INTERVAL_MS + ": " + sampleIntervalMs);
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort out of 0..65535: " + metricsPort);
        }
        if (metricsAddress != null) RemoteListen.parse(metricsAddress + ":1");
    }

    /** Settings with the endpoint on 127.0.0.1 only. */
    public DaemonSettings(long sampleIntervalMs, int metricsPort) {
        this(sampleIntervalMs, metricsPort, null);
    }

    public DaemonSettings withMetricsPort(int port) {
        return new DaemonSettings(sampleIntervalMs, port, null);
    }

    /** The endpoint on {@code port} at {@code address} (null: 127.0.0.1 only). */
    public DaemonSettings withMetrics(int port, String address) {
        return new DaemonSettings(sampleIntervalMs, port, address);
    }

    /** The settings in {@code file}, or the defaults; each problem goes to {@code warn} as one line. */
    public static DaemonSettings read(Path file, Consumer<String> warn) {
        if (!Files.exists(file)) return DEFAULT;
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            warn.accept(file + " is not valid JSON, using the default settings: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return DEFAULT;
        }
        if (root == null || !root.isObject()) {
            warn.accept(file + " is not a JSON object, using the default settings");
            return DEFAULT;
        }
        List<String> problems = new ArrayList<>();
        long interval = number(
                root,
                "sampleIntervalMs",
                DEFAULT_SAMPLE_INTERVAL_MS,
                MIN_SAMPLE_INTERVAL_MS,
                MAX_SAMPLE_INTERVAL_MS,
                problems);
        long port = number(root, "metricsPort", 0, 0, 65535, problems);
        String address = address(root.get("metricsAddress"), problems);
        for (String p : problems) warn.accept(file + ": " + p);
        return new DaemonSettings(interval, (int) port, address);
    }

    private static String address(JsonNode v, List<String> problems) {
        if (v == null || v.isNull()) return null;
        try {
            if (!v.isTextual()) throw new IllegalArgumentException("not a string");
            RemoteListen.parse(v.asText() + ":1");
            return v.asText();
        } catch (IllegalArgumentException e) {
            problems.add("metricsAddress must be an address of this host or *, not " + v + "; using 127.0.0.1");
            return null;
        }
    }

    private static long number(JsonNode root, String key, long dflt, long min, long max, List<String> problems) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.canConvertToExactIntegral() || v.asLong() < min || v.asLong() > max) {
            problems.add(key + " must be a whole number in " + min + ".." + max + ", not " + v + "; using " + dflt);
            return dflt;
        }
        return v.asLong();
    }

    /** Writes these settings into {@code file} (0600, atomically), keeping the file's other keys. */
    public void write(Path file) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (Files.exists(file)) {
            try {
                JsonNode old = Json.MAPPER.readTree(file.toFile());
                if (old != null && old.isObject()) root = (ObjectNode) old;
            } catch (IOException e) {
                // an unreadable file is replaced
            }
        }
        root.put("sampleIntervalMs", sampleIntervalMs);
        root.put("metricsPort", metricsPort);
        if (metricsAddress == null) root.remove("metricsAddress");
        else root.put("metricsAddress", metricsAddress);
        JpmHome.writePrivateAtomically(
                file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
