// Idle cost of watching a tree of N files with jpm's TreeWatcher (one inotify WatchService, one directory watch per
// directory): Java heap held, the process's RSS, and the CPU the JVM spends over an idle period, before and after.
// Usage: java -cp 'engine/target/classes:engine/target/lib/*' bench/watch-idle.java <files> <files-per-dir> <idle-s>
import io.jpm.engine.watch.IgnoreRules;
import io.jpm.engine.watch.TreeWatcher;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

public class WatchIdle {
    public static void main(String[] args) throws Exception {
        int files = Integer.parseInt(args[0]);
        int perDir = Integer.parseInt(args[1]);
        int idleS = Integer.parseInt(args[2]);
        Path root = Files.createTempDirectory("jpm-watch-idle");
        try {
            for (int i = 0; i < files; i++) {
                Path d = root.resolve("d" + (i / perDir / 50)).resolve("e" + (i / perDir));
                if (i % perDir == 0) Files.createDirectories(d);
                Files.writeString(d.resolve("f" + i + ".js"), "x");
            }
            long dirs;
            try (Stream<Path> s = Files.walk(root)) {
                dirs = s.filter(Files::isDirectory).count();
            }
            System.out.printf("tree: %d files in %d directories%n", files, dirs);
            long heap0 = heap();
            long rss0 = rssKb();
            long cpu0 = cpuMs();
            Thread.sleep(idleS * 1000L);
            System.out.printf("no watch:   heap %,d kB, rss %,d kB, cpu over %d s idle %d ms%n",
                    heap0 / 1024, rss0, idleS, cpuMs() - cpu0);
            try (TreeWatcher w = new TreeWatcher(System.err::println)) {
                long t = System.nanoTime();
                w.watch(List.of(root), IgnoreRules.of(root, List.of(), List.of(root)), true, () -> {});
                while (w.directories() < dirs) Thread.sleep(5);
                System.out.printf("registered %d directories in %d ms%n",
                        w.directories(), (System.nanoTime() - t) / 1_000_000);
                Thread.sleep(1000);
                long heap1 = heap();
                long rss1 = rssKb();
                long cpu1 = cpuMs();
                Thread.sleep(idleS * 1000L);
                System.out.printf("watching:   heap %,d kB (+%,d), rss %,d kB (+%,d), cpu over %d s idle %d ms%n",
                        heap1 / 1024, (heap1 - heap0) / 1024, rssKb(), rssKb() - rss0, idleS, cpuMs() - cpu1);
            }
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static long heap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }

    static long cpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }
}
