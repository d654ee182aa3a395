package io.jpm.tui.top;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory over time for the host, each app and each worker: seeded from the daemon's {@code history} on
 * attach, then one sample per {@code stats} message (or per {@code list} poll, which has no host figures). Owned by
 * the console's UI thread.
 */
public final class MetricsHistory {
    /** A CPU and a memory series. */
    public record Pair(SeriesRing cpu, SeriesRing mem) {}

    private final int capacity;
    private final Pair host;
    private final Map<String, Pair> apps = new HashMap<>();
    private final Map<Integer, Pair> workers = new HashMap<>();
    private long memTotal;

    public MetricsHistory(int capacity) {
        this.capacity = capacity;
        this.host = newPair();
    }

    private Pair newPair() {
        return new Pair(new SeriesRing(capacity), new SeriesRing(capacity));
    }

    public Pair host() {
        return host;
    }

    public long memTotal() {
        return memTotal;
    }

    public Pair app(String name) {
        return apps.getOrDefault(name, EMPTY);
    }

    public Pair worker(int id) {
        return workers.getOrDefault(id, EMPTY);
    }

    private static final Pair EMPTY = new Pair(new SeriesRing(1), new SeriesRing(1));

    /** Replaces everything with the result of a {@code history} command. */
    public void seed(JsonNode history) {
        apps.clear();
        workers.clear();
        copy(history.path("host").path("cpu"), host.cpu());
        copy(history.path("host").path("memUsed"), host.mem());
        history.path("apps")
                .fields()
                .forEachRemaining(e -> seedPair(apps.computeIfAbsent(e.getKey(), k -> newPair()), e.getValue()));
        history.path("workers").fields().forEachRemaining(e -> {
            try {
                seedPair(workers.computeIfAbsent(Integer.parseInt(e.getKey()), k -> newPair()), e.getValue());
            } catch (NumberFormatException ignored) {
                // not a worker id: skip
            }
        });
    }

    private static void seedPair(Pair pair, JsonNode node) {
        copy(node.path("cpu"), pair.cpu());
        copy(node.path("memory"), pair.mem());
    }

    private static void copy(JsonNode array, SeriesRing ring) {
        for (JsonNode v : array) ring.add(v.asDouble());
    }

    /** Adds one {@code stats} message's host figures. */
    public void addHost(JsonNode host) {
        if (host == null || host.isMissingNode() || host.isNull()) return;
        this.host.cpu().add(host.path("cpu").asDouble());
        this.host.mem().add(host.path("memUsed").asDouble());
        memTotal = host.path("memTotal").asLong(memTotal);
    }

    /** Adds one sample per worker and per app (the sum of its workers); forgets workers and apps that are gone. */
    public void addWorkers(List<WorkerRow> rows) {
        Map<String, double[]> sums = new HashMap<>();
        Map<Integer, Pair> seen = new HashMap<>();
        for (WorkerRow w : rows) {
            Pair p = workers.computeIfAbsent(w.id(), k -> newPair());
            p.cpu().add(w.cpu());
            p.mem().add(w.memory());
            seen.put(w.id(), p);
            double[] s = sums.computeIfAbsent(w.name(), k -> new double[2]);
            s[0] += w.cpu();
            s[1] += w.memory();
        }
        workers.keySet().retainAll(seen.keySet());
        apps.keySet().retainAll(sums.keySet());
        sums.forEach((app, s) -> {
            Pair p = apps.computeIfAbsent(app, k -> newPair());
            p.cpu().add(s[0]);
            p.mem().add(s[1]);
        });
    }
}
