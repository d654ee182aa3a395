package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.JpmHome;
import io.jpm.ipc.LocalControlServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot verbs without picocli print, fail and exit exactly as through picocli: both paths run against the same
 * stand-in daemon (AotTraining's answers on a real local socket) and their output, errors and exit codes are compared.
 */
class FastPathTest {
    @TempDir
    Path tmp;

    private JpmHome home;
    private LocalControlServer server;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void standIn() throws IOException {
        home = JpmHome.at(tmp.resolve("home")).ensureCreated();
        server = LocalControlServer.start(home.controlSocket(), AotTraining::answer, m -> {}, System::nanoTime);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> env(boolean color) {
        Map<String, String> env = new HashMap<>();
        env.put("JPM_HOME", home.root().toString());
        env.put("COLUMNS", "100");
        if (!color) env.put("NO_COLOR", "1");
        return env;
    }

    private Run run(boolean fast, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Jpm jpm = new Jpm(home, env(false), tmp, new PrintWriter(out, true), new PrintWriter(err, true))) {
            if (fast) assertNotNull(FastPath.verb(jpm, args), "the fast path takes " + Arrays.toString(args));
            int code = fast ? jpm.execute(args) : jpm.commandLine(args).execute(args);
            return new Run(code, out.toString(), err.toString());
        }
    }

    @Test
    void theHotVerbsPrintFailAndExitAsThroughPicocli() {
        List<String[]> commands = List.of(
                new String[] {"ping"},
                new String[] {"version"},
                new String[] {"list"},
                new String[] {"ls"},
                new String[] {"ps", "--json"},
                new String[] {"status"},
                new String[] {"list", "--json"},
                new String[] {"describe", "web"},
                new String[] {"desc", "web", "--json"},
                new String[] {"show", "--show-env", "web"},
                new String[] {"info", "no-such-app"},
                new String[] {"stop", "web"},
                new String[] {"stop", "--watch", "web"},
                new String[] {"stop", "web", "no-such-app"},
                new String[] {"restart", "web"},
                new String[] {"restart", "web", "--update-env"},
                new String[] {"restart", "no-such-app"},
                new String[] {"reload", "web"},
                new String[] {"delete", "web"},
                new String[] {"del", "a", "b"},
                new String[] {"kill"});
        for (String[] args : commands) {
            Run picocli = run(false, args);
            Run fast = run(true, args);
            assertEquals(picocli, fast, "jpm " + String.join(" ", args));
        }
        Run describe = run(true, "describe", "web");
        assertTrue(describe.out().contains("── web (id 0, instance 0) ──"), describe.out());
        Run missing = run(true, "restart", "no-such-app");
        assertEquals(1, missing.code());
        assertEquals("jpm: the training daemon knows no app\n", missing.err());
    }

    @Test
    void anythingUnusualIsLeftToPicocli() {
        try (Jpm jpm = new Jpm(home, env(false), tmp)) {
            for (String[] args : List.of(
                    new String[] {},
                    new String[] {"ping", "--help"},
                    new String[] {"ping", "-h"},
                    new String[] {"ping", "extra"},
                    new String[] {"--host", "h", "ping"},
                    new String[] {"ping", "--host", "h"},
                    new String[] {"list", "--sort", "cpu"},
                    new String[] {"list", "--json", "--json"},
                    new String[] {"list", "--json=true"},
                    new String[] {"list", "web"},
                    new String[] {"describe"},
                    new String[] {"describe", "a", "b"},
                    new String[] {"describe", "--", "web"},
                    new String[] {"stop"},
                    new String[] {"stop", "-"},
                    new String[] {"restart", "web", "--watch"},
                    new String[] {"delete", "--update-env", "web"},
                    new String[] {"start", "web"},
                    new String[] {"no-such-verb"})) {
                assertNull(FastPath.verb(jpm, args), "picocli parses " + Arrays.toString(args));
            }
        }
    }

    @Test
    void badArgumentsToAHotVerbGetPicoclisMessage() {
        StringWriter err = new StringWriter();
        try (Jpm jpm =
                new Jpm(home, env(false), tmp, new PrintWriter(new StringWriter(), true), new PrintWriter(err))) {
            assertEquals(2, jpm.execute("list", "--bogus"));
        }
        assertTrue(err.toString().startsWith("jpm: Unknown option: '--bogus'"), err.toString());
        assertTrue(err.toString().contains("Try 'jpm list --help'."), err.toString());
    }
}
