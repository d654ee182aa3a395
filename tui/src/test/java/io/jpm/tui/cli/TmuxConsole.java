package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * jpm-top in a real terminal for end-to-end tests: a tmux server on a private socket runs it against a JPM_HOME,
 * keys go in with send-keys and the screen comes back with capture-pane. {@link #close} kills the server and
 * with it the console.
 */
final class TmuxConsole implements AutoCloseable {
    final String socket = "jpm-top-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    static boolean available() throws Exception {
        return run("tmux", "-V").code() == 0;
    }

    /** Starts {@code jpm-top args…} on {@code d}'s home in a {@code columns}×{@code rows} pane; returns its pid. */
    long start(TestDaemon d, int columns, int rows, String... args) throws Exception {
        Path launcher = d.write(
                "top.sh",
                "#!/bin/bash\nexport JPM_HOME='" + d.home.root() + "' LANG=C.UTF-8 "
                        + "TERM=xterm-256color\nexec '"
                        + ProcessHandle.current().info().command().orElse("java")
                        + "' -cp '" + System.getProperty("java.class.path") + "' io.jpm.tui.top.JpmTop "
                        + String.join(" ", args) + "\n");
        assertEquals(
                0,
                run(
                                "tmux",
                                "-L",
                                socket,
                                "new-session",
                                "-d",
                                "-x",
                                Integer.toString(columns),
                                "-y",
                                Integer.toString(rows),
                                launcher.toString())
                        .code());
        return Long.parseLong(run("tmux", "-L", socket, "display-message", "-p", "#{pane_pid}")
                .out()
                .strip());
    }

    void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "send-keys", "-t", "0"));
        cmd.addAll(List.of(keys));
        assertEquals(0, run(cmd.toArray(String[]::new)).code());
    }

    String screen() {
        try {
            return run("tmux", "-L", socket, "capture-pane", "-p", "-t", "0").out();
        } catch (Exception e) {
            return "";
        }
    }

    /** Waits up to {@code ms} for the screen to satisfy {@code condition}; the failure shows the last screen. */
    void awaitScreen(String what, long ms, Predicate<String> condition) {
        String[] last = {""};
        try {
            Await.until(what, ms, () -> condition.test(last[0] = screen()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- screen ---\n" + last[0], e);
        }
    }

    void awaitScreen(String what, Predicate<String> condition) {
        awaitScreen(what, 15_000, condition);
    }

    @Override
    public void close() throws Exception {
        run("tmux", "-L", socket, "kill-server");
    }

    record Ran(int code, String out) {}

    static Ran run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Ran(-1, out);
        }
        return new Ran(p.exitValue(), out);
    }
}
