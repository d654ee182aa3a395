package io.jpm.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples each live worker's CPU (percent of one core) and resident memory once per interval from /proc, and
 * keeps the latest figures for {@code list}.
 *
 * <p>Runs on {@code jpm-sampler}; the supervisor publishes the live pids as an immutable map in a volatile field,
 * and readers get the latest figures from a concurrent map.
 */
public final class UsageSampler implements Views.Usage, AutoCloseable {
    private static final long TICKS_PER_SECOND = 100;
    private static final long PAGE = 4096;

    private record Sample(long pid, long cpuTicks, long atNanos, double cpu, long rss) {}

    private final Supplier<Map<Integer, Long>> livePids;
    private final LongSupplier nanoClock;
    private final long intervalMs;
    private final Map<Integer, Sample> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public UsageSampler(Supplier<Map<Integer, Long>> livePids, LongSupplier nanoClock, long intervalMs) {
        this.livePids = livePids;
        this.nanoClock = nanoClock;
        this.intervalMs = intervalMs;
        this.thread = new Thread(this::loop, "jpm-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                sampleOnce();
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.out.println("sampler: " + e);
            }
        }
    }

    /** Takes one sample of every live worker. */
    public void sampleOnce() {
        Map<Integer, Long> pids = livePids.get();
        latest.keySet().retainAll(pids.keySet());
        long now = nanoClock.getAsLong();
        pids.forEach((id, pid) -> {
            long[] stat = read(pid);
            if (stat == null) {
                latest.remove(id);
                return;
            }
            Sample prev = latest.get(id);
            double cpu = 0;
            if (prev != null && prev.pid() == pid && now > prev.atNanos()) {
                double seconds = (now - prev.atNanos()) / 1e9;
                cpu = Math.max(0, (stat[0] - prev.cpuTicks()) / (double) TICKS_PER_SECOND / seconds * 100);
            }
            latest.put(id, new Sample(pid, stat[0], now, Math.round(cpu * 10) / 10.0, stat[1]));
        });
    }

    /** utime+stime in ticks, and RSS in bytes; null if the process is gone. */
    private static long[] read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
            String statm = Files.readString(Path.of("/proc", Long.toString(pid), "statm"));
            long rss = Long.parseLong(statm.split(" ")[1]) * PAGE;
            return new long[] {ticks, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public double cpu(int workerId) {
        Sample s = latest.get(workerId);
        return s == null ? 0 : s.cpu();
    }

    @Override
    public long memory(int workerId) {
        Sample s = latest.get(workerId);
        return s == null ? 0 : s.rss();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
