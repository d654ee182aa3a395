package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.Json;
import io.jpm.ipc.wire.AppConfig;
import io.jpm.ipc.wire.WorkerDetail;
import io.jpm.ipc.wire.WorkerView;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The worker list in the shape of PM2's {@code jlist}, for scripts written against PM2: one object per worker with
 * {@code pid} (0 without a process), {@code name}, {@code pm_id}, {@code monit.memory} (bytes), {@code monit.cpu}
 * (percent) and the {@code pm2_env} fields jpm has: status (PM2's words), restart_time, unstable_restarts, pm_uptime
 * (epoch ms of the last start), exec_mode, instances, NODE_APP_INSTANCE, watch and namespace; and, from the worker's
 * describe, pm_cwd, args (what follows the script in the argv: PM2's {@code ["-c", line]} for a command line) and
 * env (the whole environment, unmasked, as PM2 prints it).
 */
final class Pm2List {
    private Pm2List() {}

    static ArrayNode of(List<WorkerView> workers, long nowMs) {
        return of(workers, Map.of(), nowMs);
    }

    /** @param details each worker's describe, by worker id; a worker without one lacks the describe fields */
    static ArrayNode of(List<WorkerView> workers, Map<Integer, WorkerDetail> details, long nowMs) {
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
            WorkerDetail d = details.get(w.id());
            if (d != null) describeFields(env, d);
            o.put("pm_id", w.id());
            ObjectNode monit = o.putObject("monit");
            monit.put("memory", w.running() ? Math.max(0, w.memory()) : 0);
            monit.put("cpu", w.running() ? Math.max(0, w.cpu()) : 0);
        }
        return out;
    }

    private static void describeFields(ObjectNode env, WorkerDetail d) {
        String cwd = text(d, "cwd");
        String script = text(d, "script");
        env.put("namespace", Objects.requireNonNullElse(text(d, "namespace"), "default"));
        if (cwd != null) env.put("pm_cwd", cwd);
        List<String> command = d.config().get("command").map(Pm2List::words).orElse(List.of());
        ArrayNode args = env.putArray("args");
        argsOf(command, cwd, script).forEach(args::add);
        ObjectNode vars = env.putObject("env");
        new TreeMap<>(d.env()).forEach(vars::put);
    }

    /**
     * PM2's {@code args}: what follows the script in the argv. A command line run with a shell has PM2's
     * {@code ["-c", line]}; else the script is the first word that is the script resolved against the cwd or, for a
     * command found on PATH, has its file name.
     */
    static List<String> argsOf(List<String> command, String cwd, String script) {
        if (script == null || command.isEmpty()) return List.of();
        if (command.size() == 3 && command.get(1).equals("-c") && command.get(2).equals(script)) {
            return command.subList(1, 3);
        }
        String resolved =
                cwd == null ? script : Path.of(cwd).resolve(script).normalize().toString();
        String file = Path.of(script).getFileName() == null
                ? script
                : Path.of(script).getFileName().toString();
        for (int i = 0; i < command.size(); i++) {
            String word = command.get(i);
            if (word.equals(resolved)
                    || word.equals(script)
                    || Path.of(word).getFileName() != null
                            && Path.of(word).getFileName().toString().equals(file)) {
                return List.copyOf(command.subList(i + 1, command.size()));
            }
        }
        return List.of();
    }

    private static String text(WorkerDetail d, String key) {
        return d.config()
                .get(key)
                .filter(v -> v instanceof AppConfig.Text)
                .map(AppConfig.Value::text)
                .orElse(null);
    }

    private static List<String> words(AppConfig.Value v) {
        if (!(v instanceof AppConfig.Items items)) return List.of();
        return items.values().stream().map(AppConfig.Value::text).toList();
    }

    /** PM2's status words: the same but for its "waiting restart". */
    private static String status(WorkerView w) {
        String s = w.status().wire();
        return s.equals("waiting-restart") ? "waiting restart" : s;
    }
}
