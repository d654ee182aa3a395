package io.jpm.engine.supervise;

import io.jpm.engine.cluster.AppBalancer;
import io.jpm.engine.cluster.ClusterApp;
import io.jpm.engine.config.AppSpec;
import io.jpm.engine.logs.AppLogs;
import io.jpm.engine.policy.RestartPolicy;
import io.jpm.engine.sockets.ListenSocket;
import io.jpm.ipc.wire.WorkerStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One app's desired state: its config, its restart policy and its workers, with their instance indexes. The config
 * is replaced only by commands (scale, --update-env, a new ecosystem entry). Owned by the supervisor's thread.
 */
public final class App implements ClusterApp {
    private AppSpec spec;
    private RestartPolicy restartPolicy;
    private final AppLogs logs;
    /** The balancer on the public port, in cluster mode while any worker runs; managed by the cluster package. */
    private AppBalancer balancer;
    /** The daemon's socket the workers accept on, in the socket listen mode once bound; set by the cluster package. */
    private ListenSocket listenSocket;

    private final List<Worker> workers = new ArrayList<>();

    public App(AppSpec spec, AppLogs logs) {
        this.logs = logs;
        setSpec(spec);
    }

    private void setSpec(AppSpec spec) {
        this.spec = spec;
        this.restartPolicy = RestartPolicy.of(spec);
    }

    /** Replaces the config; workers pick it up on their next start. */
    public void updateSpec(AppSpec newSpec) {
        setSpec(newSpec);
        logs.respec(newSpec);
    }

    public List<Worker> workersView() {
        return List.copyOf(workers);
    }

    /** Adds a worker with the given id at {@code instance}. */
    public Worker addWorker(int id, int instance) {
        Worker w = new Worker(id, spec.name(), instance);
        workers.add(w);
        workers.sort((a, b) -> Integer.compare(a.instance(), b.instance()));
        return w;
    }

    /** Adds a worker at the lowest instance index no worker has. */
    Worker addWorker(int id) {
        return addWorker(id, freeInstance());
    }

    public void removeWorker(Worker w) {
        workers.remove(w);
        logs.closeWorker(w.id());
    }

    public boolean has(Worker w) {
        return workers.contains(w);
    }

    private int freeInstance() {
        int i = 0;
        while (true) {
            final int candidate = i;
            if (workers.stream().noneMatch(w -> w.instance() == candidate)) return candidate;
            i++;
        }
    }

    /**
     * Sets the instance count to {@code wanted}: the config says so from now on, and the returned plan names the
     * workers to add (count) and those to retire (the highest instance indexes first).
     */
    Reconcile reconcile(int wanted) {
        updateSpec(spec.withInstances(wanted));
        int current = workers.size();
        if (wanted >= current) return new Reconcile(wanted - current, List.of());
        List<Worker> byInstance = new ArrayList<>(workers);
        byInstance.sort((a, b) -> Integer.compare(b.instance(), a.instance()));
        return new Reconcile(0, List.copyOf(byInstance.subList(0, current - wanted)));
    }

    /** What a change of the instance count asks for. */
    record Reconcile(int toAdd, List<Worker> toRetire) {}

    public void closeLogs() {
        logs.close();
    }

    public AppSpec spec() {
        return spec;
    }

    public RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    public AppLogs logs() {
        return logs;
    }

    public String name() {
        return spec.name();
    }

    /** The balancer on the public port, or null while it is closed. */
    public AppBalancer balancer() {
        return balancer;
    }

    /** The shared socket of the socket listen mode, or null. */
    public ListenSocket listenSocket() {
        return listenSocket;
    }

    /** Hands the app its shared socket (null when it closes); called by the cluster package only. */
    public void listenSocket(ListenSocket s) {
        listenSocket = s;
    }

    /** Hands the app its balancer (null when it closes); called by the cluster package only. */
    public void balancer(AppBalancer b) {
        balancer = b;
    }

    /** True when no worker has a process running, starting, or waiting to restart. */
    public boolean idle() {
        for (Worker w : workers) {
            if (w.process() != null
                    || w.status() == WorkerStatus.WAITING_RESTART
                    || w.status() == WorkerStatus.LAUNCHING) return false;
        }
        return true;
    }
}
