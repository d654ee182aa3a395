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
import java.util.TreeMap;

/**
 * The worker list in the shape of PM2's {@code jlist}, for scripts written against PM2: one object per worker with
 * {@code pid} (0 without a process), {@code name}, {@code pm_id}, {@code monit.memory} (bytes), {@code monit.cpu}
 * (percent) and the {@code pm2_env} fields jpm has: status (PM2's words), restart_time, unstable_restarts, pm_uptime
 * (epoch ms of the last start), exec_mode, instances, NODE_APP_INSTANCE, watch, namespace, and PM2's paths:
 * pm_exec_path (the script or binary run), exec_interpreter ({@code none} for a binary), pm_cwd, pm_out_log_path,
 * pm_err_log_path, and pm_log_path and pm_pid_path when the app has a {@code log_file} or a pid file; args (what
 * follows the script in the argv: PM2's {@code ["-c", line]} for a command line) and env (the whole environment,
 * unmasked, as PM2 prints it).
 */
final class Pm2List {
    private Pm2List() {}

    static ArrayNode of(List<WorkerDetail> workers, long nowMs) {
        Map<String, Integer> instances = new HashMap<>();
        for (WorkerDetail d : workers) instances.merge(d.view().name(), 1, Integer::sum);
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (WorkerDetail d : workers) {
            WorkerView w = d.view();
            ObjectNode o = out.addObject();
            o.put("pid", w.running() ? w.pid() : 0);
            o.put("name", w.name());
            ObjectNode env = o.putObject("pm2_env");
            env.put("name", w.name());
            env.put("namespace", text(d.config(), "namespace", "default"));
            env.put("pm_id", w.id());
            env.put("status", status(w));
            env.put("restart_time", w.restarts());
            env.put("unstable_restarts", w.unstableRestarts());
            env.put("pm_uptime", w.running() ? nowMs - w.uptimeMs() : 0);
            env.put("exec_mode", w.cluster() ? "cluster_mode" : "fork_mode");
            env.put("instances", instances.get(w.name()));
            env.put("NODE_APP_INSTANCE", w.instance());
            env.put("watch", w.watching());
            paths(d, env);
            o.put("pm_id", w.id());
            ObjectNode monit = o.putObject("monit");
            monit.put("memory", w.running() ? Math.max(0, w.memory()) : 0);
            monit.put("cpu", w.running() ? Math.max(0, w.cpu()) : 0);
        }
        return out;
    }

    private static void paths(WorkerDetail d, ObjectNode env) {
        List<String> command = words(d.config(), "command");
        String script = text(d.config(), "script", "");
        int at = scriptIndex(script, command);
        if (!command.isEmpty()) {
            env.put("pm_exec_path", command.get(at));
            env.put("exec_interpreter", at == 0 ? "none" : fileName(command.get(0)));
        }
        String cwd = text(d.config(), "cwd", null);
        if (cwd != null) env.put("pm_cwd", cwd);
        ArrayNode args = env.putArray("args");
        argsOf(command, cwd, script).forEach(args::add);
        ObjectNode vars = env.putObject("env");
        new TreeMap<>(d.env()).forEach(vars::put);
        WorkerDetail.LogPaths logs = d.logs();
        if (logs != null) {
            if (!logs.out().isEmpty()) env.put("pm_out_log_path", logs.out());
            if (!logs.err().isEmpty()) env.put("pm_err_log_path", logs.err());
            if (logs.combined() != null) env.put("pm_log_path", logs.combined());
            if (logs.pidFile() != null) env.put("pm_pid_path", logs.pidFile());
        }
    }

    /**
     * PM2's {@code args}: what follows the script in the argv. A command line run with a shell has PM2's
     * {@code ["-c", line]}; else the script is the first word that is the script resolved against the cwd or, for a
     * command found on PATH, has its file name.
     */
    static List<String> argsOf(List<String> command, String cwd, String script) {
        if (script == null || script.isEmpty() || command.isEmpty()) return List.of();
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

    /**
     * Where the script is in the argv: the first word whose file name is the script's first word's (the argv is the
     * interpreter and its arguments, then the script, or the binary itself); the binary (0) when none is.
     */
    static int scriptIndex(String script, List<String> command) {
        String first = script.strip().split("\\s+", 2)[0];
        if (first.isEmpty()) return 0;
        String name = fileName(first);
        for (int i = 0; i < command.size(); i++) {
            if (fileName(command.get(i)).equals(name)) return i;
        }
        return 0;
    }

    private static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    private static String text(AppConfig config, String key, String otherwise) {
        return config.get(key)
                .filter(v -> v instanceof AppConfig.Text)
                .map(AppConfig.Value::text)
                .orElse(otherwise);
    }

    private static List<String> words(AppConfig config, String key) {
        return config.get(key)
                .filter(v -> v instanceof AppConfig.Items)
                .map(v -> ((AppConfig.Items) v)
                        .values().stream().map(AppConfig.Value::text).toList())
                .orElse(List.of());
    }

    /** PM2's status words: the same but for its "waiting restart". */
    private static String status(WorkerView w) {
        String s = w.status().wire();
        return s.equals("waiting-restart") ? "waiting restart" : s;
    }
}
