package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.tui.CliException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdUnitTest {
    @Test
    void wordsAreQuotedOnlyWhenTheyNeedItAndSpecifiersAreDoubled() {
        assertEquals("JPM_HOME=/home/a/.jpm", SystemdUnit.quote("JPM_HOME=/home/a/.jpm"));
        assertEquals("\"PATH=/opt/my tools/bin:/usr/bin\"", SystemdUnit.quote("PATH=/opt/my tools/bin:/usr/bin"));
        assertEquals("\"a\\\"b\\\\c\"", SystemdUnit.quote("a\"b\\c"));
        assertEquals("/srv/100%%", SystemdUnit.quote("/srv/100%"));
        CliException e = assertThrows(CliException.class, () -> SystemdUnit.quote("a\nb"));
        assertEquals("a control character cannot go in a unit file: a\\nb", e.getMessage());
    }

    @Test
    void aDaemonPathWithASpaceADollarAndAPercentStaysOneWord() {
        SystemdUnit unit = new SystemdUnit(
                "alice",
                Path.of("/home/alice/.jpm"),
                Path.of("/opt/j $pm 5%/bin/jpm-daemon"),
                Path.of("/usr/lib/jvm/jdk"),
                "/usr/bin:/bin");
        assertTrue(
                unit.text()
                        .contains(
                                "\nExecStart=\"/opt/j $$pm 5%%/bin/jpm-daemon\" --foreground --on-sigterm=keep-apps\n"),
                unit.text());
    }

    @Test
    void badValuesAreRefusedWithTheValue() {
        Path p = Path.of("/x");
        assertEquals(
                "not a user name: a b",
                assertThrows(CliException.class, () -> new SystemdUnit("a b", p, p, p, ""))
                        .getMessage());
        assertEquals(
                "jpmHome is not an absolute path: rel",
                assertThrows(CliException.class, () -> new SystemdUnit("a", Path.of("rel"), p, p, ""))
                        .getMessage());
    }

    @Test
    void theSudoLineQuotesForAShell() {
        assertEquals(
                "sudo env 'PATH=/a b:/c' /opt/jpm/bin/jpm startup --user 'o'\\''brien'",
                Systemd.shellLine(
                        List.of("sudo", "env", "PATH=/a b:/c", "/opt/jpm/bin/jpm", "startup", "--user", "o'brien")));
    }
}
