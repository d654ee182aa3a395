package io.jpm.tui.top;

import io.jpm.ipc.wire.History;
import io.jpm.ipc.wire.Series;
import io.jpm.ipc.wire.Stats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU and memory over time for the host, each app and each worker: seeded from the daemon's {@code history} on
 * attach, then one sample per {@code stats} message (or per {@code list} poll, which has no host figures). Owned by
 * the console's UI thread.
 */
public final class SparkHistory {
    /** A CPU and a memory series. */
    public record Pair(SeriesRing cpu, SeriesRing mem) {}

    private final int capacity;
    private final Pair host;
    private final Map<String, Pair> apps = new HashMap<>();
    private final Map<Integer, Pair> workers = new HashMap<>();
    private long memTotal;

    public SparkHistory(int capacity) {
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
    public void seed(History history) {
        apps.clear();
        workers.clear();
        copy(history.hostCpu(), host.cpu());
        for (long v : history.hostMemUsed()) host.mem().add(v);
        history.apps().forEach((name, series) -> seedPair(apps.computeIfAbsent(name, k -> newPair()), series));
        history.workers().forEach((id, series) -> seedPair(workers.computeIfAbsent(id, k -> newPair()), series));
    }

    private static void seedPair(Pair pair, Series series) {
        copy(series.cpu(), pair.cpu());
        for (long v : series.memory()) pair.mem().add(v);
    }

    private static void copy(double[] values, SeriesRing ring) {
        for (double v : values) ring.add(v);
    }

    /** Adds one {@code stats} message's host figures; null (from a {@code list} poll) adds nothing. */
    public void addHost(Stats.Host host) {
        if (host == null) return;
        this.host.cpu().add(host.cpu());
        this.host.mem().add(host.memUsed());
        memTotal = host.memTotal();
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
