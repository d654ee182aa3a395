package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.Json;
import io.jpm.ipc.wire.WorkerView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker list in the shape of PM2's {@code jlist}, for scripts written against PM2: one object per worker with
 * {@code pid} (0 without a process), {@code name}, {@code pm_id}, {@code monit.memory} (bytes), {@code monit.cpu}
 * (percent) and the {@code pm2_env} fields jpm has: status (PM2's words), restart_time, unstable_restarts, pm_uptime
 * (epoch ms of the last start), exec_mode, instances, NODE_APP_INSTANCE, watch and namespace.
 */
final class Pm2List {
    private Pm2List() {}

    static ArrayNode of(List<WorkerView> workers, long nowMs) {
        Map<String, Integer> instances = new HashMap<>();
        for (WorkerView w : workers) instances.merge(w.name(), 1, Integer::sum);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (WorkerView w : workers) {
            ObjectNode o = out.addObject();
            o.put("pid", w.running() ? w.pid() : 0);
            o.put("name", w.name());
            ObjectNode env = o.putObject("pm2_env");
            env.put("name", w.name());
            env.put("namespace", "default");
            env.put("pm_id", w.id());
            env.put("status", status(w));
            env.put("restart_time", w.restarts());
            env.put("unstable_restarts", w.unstableRestarts());
            env.put("pm_uptime", w.running() ? nowMs - w.uptimeMs() : 0);
            env.put("exec_mode", w.cluster() ? "cluster_mode" : "fork_mode");
            env.put("instances", instances.get(w.name()));
            env.put("NODE_APP_INSTANCE", w.instance());
            env.put("watch", w.watching());
            o.put("pm_id", w.id());
            ObjectNode monit = o.putObject("monit");
            monit.put("memory", w.running() ? Math.max(0, w.memory()) : 0);
            monit.put("cpu", w.running() ? Math.max(0, w.cpu()) : 0);
        }
        return out;
    }

    /** PM2's status words: the same but for its "waiting restart". */
    private static String status(WorkerView w) {
        String s = w.status().wire();
        return s.equals("waiting-restart") ? "waiting restart" : s;
    }
}
