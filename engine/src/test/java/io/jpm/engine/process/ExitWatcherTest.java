package io.jpm.engine.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpm.engine.policy.Exit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExitWatcherTest {
    @Test
    void theEndOfAProcessThatIsNotOurChildIsSeenWithAnUnknownStatus() throws Exception {
        // sh starts sleep in the background and exits: sleep is nobody's child here (the JDK reaps sh)
        Process sh = new ProcessBuilder("sh", "-c", "sleep 30 </dev/null >/dev/null 2>&1 & echo $!").start();
        long pid;
        try (var out = new BufferedReader(new InputStreamReader(sh.getInputStream()))) {
            pid = Long.parseLong(out.readLine().strip());
        }
        sh.waitFor();
        try (ExitWatcher watcher = new ExitWatcher()) {
            var exit = watcher.watch(pid);
            assertEquals(1, watcher.watching());
            assertFalse(exit.isDone());
            Posix.kill(pid, 9);
            assertEquals(Exit.signal("unknown"), exit.get(10, TimeUnit.SECONDS));
            assertEquals(0, watcher.watching());
        } finally {
            Posix.kill(pid, 9);
        }
    }

    @Test
    void aClosedWatcherEndsItsThreadAndRefusesWork() throws Exception {
        ExitWatcher watcher = new ExitWatcher();
        long before = exitThreads();
        watcher.close();
        assertEquals(before - 1, exitThreads());
        IOException e = assertThrows(
                IOException.class, () -> watcher.watch(ProcessHandle.current().pid()));
        assertEquals("exit watcher closed", e.getMessage());
    }

    @Test
    void aPidThatDoesNotExistIsAnError() throws Exception {
        try (ExitWatcher watcher = new ExitWatcher()) {
            IOException e = assertThrows(IOException.class, () -> watcher.watch(Integer.MAX_VALUE - 1));
            assertEquals("pidfd_open " + (Integer.MAX_VALUE - 1) + " failed (errno 3)", e.getMessage());
        }
    }

    private static long exitThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jpm-exits") && t.isAlive())
                .count();
    }
}
