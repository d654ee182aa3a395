package io.jpm.engine.internal;

import io.jpm.engine.config.AppSpec;
import io.jpm.engine.policy.RestartPolicy;
import java.util.ArrayList;
import java.util.List;

/** One app's desired state: its sealed config and its workers. Owned by the supervisor's thread. */
public final class App {
    AppSpec spec;
    RestartPolicy policy;
    AppLogs logs;
    /** The balancer on the public port, in cluster mode while any worker runs; managed by {@link ClusterRouting}. */
    AppBalancer balancer;

    final List<Worker> workers = new ArrayList<>();

    public App(AppSpec spec, AppLogs logs) {
        setSpec(spec);
        this.logs = logs;
    }

    void setSpec(AppSpec spec) {
        this.spec = spec;
        this.policy = RestartPolicy.of(spec);
    }

    /** Replaces the config (scale, --update-env, a new ecosystem entry); workers pick it up on their next start. */
    public void updateSpec(AppSpec newSpec) {
        setSpec(newSpec);
        logs.respec(newSpec);
    }

    public List<Worker> workersView() {
        return List.copyOf(workers);
    }

    public Worker addWorker(int id, int instance) {
        Worker w = new Worker(id, spec.name(), instance);
        workers.add(w);
        workers.sort((a, b) -> Integer.compare(a.instance, b.instance));
        return w;
    }

    public void removeWorker(Worker w) {
        workers.remove(w);
        logs.closeWorker(w.id);
    }

    /** The lowest instance index no worker has. */
    public int freeInstance() {
        int i = 0;
        while (true) {
            final int candidate = i;
            if (workers.stream().noneMatch(w -> w.instance == candidate)) return candidate;
            i++;
        }
    }

    public void closeLogs() {
        logs.close();
    }

    public AppSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }
}
