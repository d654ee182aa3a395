package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.engine.supervise.WorkerLauncher;
import io.jpm.ipc.DaemonInfo;
import io.jpm.ipc.JpmHome;
import io.jpm.ipc.Json;
import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import io.jpm.testing.LeftoverProcesses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A private JPM_HOME with a real daemon behind the real CLI, run in-process. {@link #close} kills the daemon and
 * fails the test if any process of this home had to be killed by hand.
 */
final class TestDaemon implements AutoCloseable {
    /** What one CLI run printed and returned. */
    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    final JpmHome home;
    final Path dir;
    final Map<String, String> env;

    TestDaemon(Path tmp) throws IOException {
        EngineUnderTest.install();
        this.dir = tmp;
        this.home = JpmHome.at(tmp.resolve("home"));
        this.env = new HashMap<>(System.getenv());
        env.put("JPM_HOME", home.root().toString());
        env.put("NO_COLOR", "1");
    }

    Result jpm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Jpm jpm = new Jpm(home, env, dir, new PrintWriter(out, true), new PrintWriter(err, true))) {
            int code = jpm.execute(args);
            return new Result(code, out.toString(), err.toString());
        }
    }

    Result ok(String... args) {
        Result r = jpm(args);
        if (r.code() != 0) fail("jpm " + String.join(" ", args) + " exited " + r.code() + ": " + r.err());
        return r;
    }

    JsonNode list() {
        return ok("list", "--json").json();
    }

    /** Waits until the daemon lists exactly {@code n} workers and all of them are ready. */
    void awaitReady(int n) {
        Await.until(n + " ready", 20_000, () -> {
            JsonNode list = list();
            int ready = 0;
            for (JsonNode w : list) if (w.path("ready").asBoolean()) ready++;
            return ready == n && list.size() == n;
        });
    }

    /** The pids of the listed workers, in list order. */
    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (JsonNode w : list()) out.add(w.path("pid").asLong());
        return out;
    }

    long daemonPid() {
        return DaemonInfo.read(home).orElseThrow().pid();
    }

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        p.toFile().setExecutable(true);
        return p;
    }

    /** Pids of live processes whose environment marks them as workers of this home. */
    List<Long> workerProcesses() {
        return LeftoverProcesses.withEnvironment(
                WorkerLauncher.MARKER + "=" + WorkerLauncher.homeTag(home) + ":", ProcessState::isRunning);
    }

    @Override
    public void close() {
        List<String> leftovers = new ArrayList<>();
        DaemonInfo.read(home).ifPresent(info -> {
            jpm("kill");
            ProcessHandle.of(info.pid()).ifPresent(ph -> {
                if (ProcessState.isRunning(ph.pid())) { // kill returns once the daemon has exited, maybe unreaped
                    leftovers.add("daemon " + info.pid());
                    ph.destroyForcibly();
                }
            });
        });
        for (long pid : LeftoverProcesses.kill(workerProcesses())) leftovers.add("worker " + pid);
        if (!leftovers.isEmpty()) fail("processes left behind: " + leftovers);
    }
}
