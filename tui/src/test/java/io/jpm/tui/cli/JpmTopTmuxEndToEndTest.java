package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpm.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jpm-top in a real terminal: tmux (on a private server socket) runs it against a real daemon, keys go in with
 * send-keys and the screen comes back with capture-pane.
 */
class JpmTopTmuxEndToEndTest extends DaemonTest {
    TmuxConsole tmux;
    String socket;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TmuxConsole.available(), "tmux is not installed");
        tmux = new TmuxConsole();
        socket = tmux.socket;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (tmux != null) tmux.close();
    }

    @Test
    void rRestartsPlusScalesAndQQuits() throws Exception {
        Path script = d.write(
                "spin.sh",
                "#!/bin/bash\necho \"spin $JPM_INSTANCE up\"\n"
                        + "while true; do sleep 0.5; echo \"spin $JPM_INSTANCE tick\"; done\n");
        d.ok("start", script.toString(), "--name", "spin");
        Await.until(
                "spin online",
                15_000,
                () -> d.list().get(0).path("status").asText().equals("online"));

        long pid = startTop();
        awaitScreen(
                "the grid with the worker, connected",
                s -> s.contains("spin")
                        && s.contains("online")
                        && s.contains("● connected")
                        && s.contains("spin 0 tick"));

        int before = d.list().get(0).path("restarts").asInt();
        keys("r");
        Await.until(
                "restart count rises",
                15_000,
                () -> d.list().get(0).path("restarts").asInt() > before);
        awaitScreen("the restart's result in the status line", s -> s.contains("restart spin (id 0): done"));
        awaitScreen("the new count in the grid", s -> s.lines()
                .anyMatch(l -> l.matches("\\s+0 spin .*online\\s+" + (before + 1) + "\\s.*")));

        keys("+");
        Await.until("a second worker", 15_000, () -> d.list().size() == 2);
        awaitScreen(
                "two workers on screen",
                s -> s.contains("2 workers") && s.lines().anyMatch(l -> l.matches("\\s+1 spin .*")));

        keys("q");
        awaitExit("jpm-top exits on q", pid);
    }

    @Test
    void survivesADaemonRestartAndCtrlCRestoresTheTerminal() throws Exception {
        Path script = d.write("idle.sh", "#!/bin/bash\nwhile true; do sleep 0.5; echo idle; done\n");
        d.ok("start", script.toString(), "--name", "idle");
        d.ok("save");
        long pid = startTop();
        run("tmux", "-L", socket, "set-option", "-g", "remain-on-exit", "on");
        awaitScreen("connected", s -> s.contains("idle") && s.contains("● connected"));

        d.ok("kill");
        awaitScreen("shows that it is disconnected", s -> s.contains("disconnected"));
        d.ok("resurrect");
        awaitScreen(
                "reconnected by itself, worker back",
                s -> s.contains("● connected") && s.contains("online") && s.contains("idle"));

        keys("C-c");
        awaitExit("jpm-top exits on Ctrl-C", pid);
        String[] modes = {""};
        Await.until("tmux sees the pane dead, out of the alternate screen", 10_000, () -> {
            try {
                modes[0] = run("tmux", "-L", socket, "display-message", "-p", "-t", "0", "#{pane_dead} #{alternate_on}")
                        .out()
                        .strip();
            } catch (Exception e) {
                modes[0] = e.toString();
            }
            return modes[0].equals("1 0");
        });
    }

    private long startTop() throws Exception {
        return tmux.start(d, 120, 40);
    }

    private void awaitExit(String what, long pid) {
        try {
            Await.until(what, 15_000, () -> exited(pid));
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "\n--- screen ---\n" + screen() + "\n--- threads ---\n" + threads(pid), e);
        }
    }

    /** Gone, or a zombie that tmux (which keeps a dead pane with remain-on-exit) has not reaped yet. */
    private static boolean exited(long pid) {
        return !io.jpm.ipc.ProcessState.isRunning(pid);
    }

    /** A thread dump of a JVM that will not exit: SIGQUIT makes it print one on its terminal. */
    private String threads(long pid) {
        try {
            run("kill", "-QUIT", Long.toString(pid));
            Thread.sleep(1_000);
            return run("tmux", "-L", socket, "capture-pane", "-p", "-t", "0", "-S", "-400")
                    .out();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private void keys(String... keys) throws Exception {
        tmux.keys(keys);
    }

    private String screen() {
        return tmux.screen();
    }

    private void awaitScreen(String what, java.util.function.Predicate<String> condition) {
        tmux.awaitScreen(what, condition);
    }

    static TmuxConsole.Ran run(String... cmd) throws IOException, InterruptedException {
        return TmuxConsole.run(cmd);
    }
}
