package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.JpmHome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without a daemon: which verbs a run builds, and help. */
class JpmCommandLineTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Jpm jpm = new Jpm(JpmHome.at(tmp.resolve("home")), Map.of(), tmp)) {
            CommandLine cl = jpm.commandLine(args);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return new Run(cl.execute(args), out.toString(), err.toString());
        }
    }

    @Test
    void aRunBuildsOnlyTheVerbItNames() {
        try (Jpm jpm = new Jpm(JpmHome.at(tmp.resolve("home")), Map.of(), tmp)) {
            assertEquals(
                    Set.of("ping"), jpm.commandLine("ping").getSubcommands().keySet());
            assertEquals(
                    Set.of("list", "ls", "ps", "status"),
                    jpm.commandLine("ls", "--json").getSubcommands().keySet());
            assertEquals(
                    Jpm.SUBCOMMANDS.size(),
                    jpm.commandLine("--help").getSubcommands().values().stream()
                            .map(CommandLine::getCommandName)
                            .distinct()
                            .count());
        }
    }

    @Test
    void startHelpPrintsUsageWithoutTheRequiredScript() {
        Run r = run("start", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: jpm start"), r.out());
        assertTrue(r.out().contains("--max-memory-restart"), r.out());
        assertTrue(Files.notExists(tmp.resolve("home").resolve("daemon.json")), "help must not start a daemon");
    }

    @Test
    void anUnknownVerbNamesTheRootHelp() {
        Run r = run("no-such-verb");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Try 'jpm --help'."), r.err());
        Run missing = run("start");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Try 'jpm start --help'."), missing.err());
    }
}
