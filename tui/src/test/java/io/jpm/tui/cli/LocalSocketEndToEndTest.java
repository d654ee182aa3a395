package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.ProcessState;
import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** One-shot verbs over the daemon's local control socket, across a daemon's death. */
class LocalSocketEndToEndTest extends DaemonTest {
    @Test
    void aStaleSocketFromAKilledDaemonDoesNotStopTheNextOne() throws Exception {
        assertTrue(d.ok("ping").out().startsWith("pong"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.home.controlSocket())));
        long first = d.daemonPid();
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        Await.until("daemon gone", 10_000, () -> !ProcessState.isRunning(first));
        assertTrue(Files.exists(d.home.controlSocket()), "a SIGKILLed daemon leaves its socket file");

        TestDaemon.Result r = d.ok("ping"); // refused by the stale file: starts a new daemon, then asks it
        long second = d.daemonPid();
        assertNotEquals(first, second);
        assertEquals(
                "pong (jpm daemon " + io.jpm.ipc.Version.get() + ", pid " + second + ")",
                r.out().trim());
        assertTrue(Files.readString(d.home.daemonLog()).contains("local " + d.home.controlSocket()));
    }

    @Test
    void killRemovesTheSocketAndAnotherKillFindsNoDaemon() throws Exception {
        d.ok("ping");
        long pid = d.daemonPid();
        assertTrue(d.ok("kill").out().contains("daemon stopped (pid " + pid + ")"));
        assertFalse(Files.exists(d.home.controlSocket()));
        assertEquals(
                "no daemon is running for " + d.home.root(), d.ok("kill").out().trim());
    }
}
