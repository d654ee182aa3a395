package io.jpm.engine.supervise;

import io.jpm.engine.logs.DaemonLog;
import io.jpm.engine.persist.DumpStore;
import io.jpm.engine.process.Posix;
import io.jpm.engine.process.ProcessTree;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings back saved apps: those of state.json at daemon start-up, those of dump.json on {@code jpm resurrect}. At
 * start-up it adopts the workers that outlived the previous daemon:
 * a saved pid is adopted only if the process there has the saved start time and carries this home's marker in its
 * environment. A process with the right start time but no provable marker is stopped; any other process of this
 * home found running that nobody adopted (an orphan) is stopped too, so that no duplicate runs.
 */
public final class Recovery {
    private static final Set<String> RUNNING = Set.of("online", "launching", "waiting-restart", "stopping");

    private final Lifecycle lifecycle;
    private final DaemonLog log;
    private final Apps apps;
    private final ScheduledExecutorService actor;

    public Recovery(Lifecycle lifecycle, ScheduledExecutorService actor, DaemonLog log, Apps apps) {
        this.lifecycle = lifecycle;
        this.actor = actor;
        this.log = log;
        this.apps = apps;
    }

    /**
     * Recreates the saved apps that are not loaded; returns their names. With {@code adopt} (the daemon's own live
     * state) workers keep their counters and running processes are adopted; without (what {@code jpm save} wrote,
     * as PM2's resurrect) every worker starts afresh with its restart count at 0.
     */
    public List<String> resurrect(Optional<DumpStore.Snapshot> snapshot, boolean adopt) {
        if (snapshot.isEmpty()) {
            if (adopt) stopOrphans(Set.of());
            return List.of();
        }
        List<String> names = new ArrayList<>();
        Set<Long> adopted = new HashSet<>();
        List<Map.Entry<App, Worker>> toSpawn = new ArrayList<>();
        for (DumpStore.SavedApp saved : snapshot.get().apps()) {
            if (apps.get(saved.spec().name()) != null) continue;
            App app = apps.create(saved.spec());
            names.add(app.name());
            for (DumpStore.SavedWorker sw : saved.workers()) {
                Worker w = app.addWorker(sw.id(), sw.instance());
                w.restore(adopt ? sw.restarts() : 0, sw.port());
                if (adopt && tryAdopt(app, w, sw)) {
                    adopted.add(sw.pid());
                    continue;
                }
                if (RUNNING.contains(sw.status())) {
                    toSpawn.add(Map.entry(app, w));
                } else {
                    w.restoreIdle("errored".equals(sw.status()));
                }
            }
        }
        // orphans first: a worker spawned now carries this home's marker and must not be taken for one
        if (adopt) stopOrphans(adopted);
        for (Map.Entry<App, Worker> e : toSpawn) lifecycle.spawn(e.getKey(), e.getValue());
        return names;
    }

    private boolean tryAdopt(App app, Worker w, DumpStore.SavedWorker sw) {
        if (sw.pid() == null || sw.startTicks() == null) return false;
        OptionalLong ticks = Posix.startTicks(sw.pid());
        if (ticks.isEmpty() || ticks.getAsLong() != sw.startTicks()) return false; // gone, or the pid was reused
        String marker = Posix.environment(sw.pid()).get(WorkerLauncher.MARKER);
        Optional<ProcessHandle> handle = ProcessHandle.of(sw.pid());
        if (!lifecycle.markerValue(w.id()).equals(marker) || handle.isEmpty()) {
            log.warn("pid " + sw.pid() + " has the start time of " + app.name() + " worker " + w.id()
                    + " but not its marker; stopping it");
            ProcessTree.signal(sw.pid(), ProcessTree.snapshot(sw.pid()), 9);
            return false;
        }
        long nowMs = System.currentTimeMillis();
        long startedAtMs = sw.startedAtMs() == null ? nowMs : sw.startedAtMs();
        RunningProcess p = new RunningProcess(
                sw.pid(),
                sw.startTicks(),
                handle.get(),
                Path.of(sw.outFifo()),
                Path.of(sw.errFifo()),
                sw.env() == null ? Map.of() : sw.env(),
                startedAtMs,
                System.nanoTime() - (nowMs - startedAtMs) * 1_000_000,
                true);
        try {
            lifecycle.adopt(app, w, p);
            watchAdopted(app, w, p);
            log.info("adopted " + app.name() + " worker " + w.id() + " (pid " + sw.pid() + ")");
            return true;
        } catch (IOException e) {
            log.warn("cannot reattach the logs of pid " + sw.pid() + " (" + e.getMessage() + "); restarting it");
            ProcessTree.signal(sw.pid(), ProcessTree.snapshot(sw.pid()), 9);
            return false;
        }
    }

    /** An adopted process is not our child: its exit is seen by polling its handle every 100 ms. */
    private void watchAdopted(App app, Worker w, RunningProcess p) {
        actor.schedule(
                () -> {
                    if (w.process() != p) return;
                    if (ProcessTree.isRunning(p.handle())) {
                        watchAdopted(app, w, p);
                    } else {
                        lifecycle.onExit(app, w, p, Lifecycle.unknownExit());
                    }
                },
                100,
                TimeUnit.MILLISECONDS);
    }

    /** Stops every process that carries this home's marker but was not adopted. */
    private void stopOrphans(Set<Long> adopted) {
        String prefix =
                lifecycle.markerValue(0).substring(0, lifecycle.markerValue(0).indexOf(':') + 1);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self || adopted.contains(pid)) continue;
                String marker = Posix.environment(pid).get(WorkerLauncher.MARKER);
                if (marker == null || !marker.startsWith(prefix)) continue;
                // a child of an adopted worker inherits the marker; it belongs to that worker
                if (ProcessHandle.of(pid)
                        .flatMap(ProcessHandle::parent)
                        .map(ph -> adopted.contains(ph.pid()))
                        .orElse(false)) continue;
                if (Posix.processGroup(pid) != pid) continue; // only group leaders: their trees go with them
                log.warn("stopping orphan worker process " + pid + " (" + marker + ")");
                ProcessTree.signal(pid, ProcessTree.snapshot(pid), 9);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("orphan scan failed: " + e);
        }
    }

    public static DumpStore.Snapshot snapshot(Collection<App> apps, int nextId) {
        List<DumpStore.SavedApp> saved = new ArrayList<>();
        for (App a : apps) {
            List<DumpStore.SavedWorker> workers = new ArrayList<>();
            for (Worker w : a.workersView()) {
                RunningProcess p = w.process();
                workers.add(new DumpStore.SavedWorker(
                        w.id(),
                        w.instance(),
                        w.status().wire(),
                        w.restarts(),
                        p == null ? null : p.pid(),
                        p == null ? null : p.startTicks(),
                        p == null ? null : p.outFifo().toString(),
                        p == null ? null : p.errFifo().toString(),
                        p == null ? null : p.env(),
                        p == null ? null : p.startedAtMs(),
                        w.port()));
            }
            saved.add(new DumpStore.SavedApp(a.spec(), workers));
        }
        return new DumpStore.Snapshot(1, nextId, saved);
    }
}
