package io.jpm.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessStateTest {
    @Test
    void aLiveProcessIsRunning() {
        assertTrue(ProcessState.isRunning(ProcessHandle.current().pid()));
    }

    @Test
    void aZombieIsNotRunningThoughProcessHandleSaysAlive() throws Exception {
        // the shell's child exits at once, and its parent, now sleep, never reaps it
        Process parent = new ProcessBuilder("sh", "-c", "true & exec sleep 30").start();
        try {
            ProcessHandle zombie = Await.value("a zombie child", Duration.ofSeconds(10), () -> parent.toHandle()
                    .children()
                    .filter(c -> ProcessState.state(c.pid()) == 'Z')
                    .findFirst());
            assertTrue(zombie.isAlive(), "ProcessHandle counts a zombie as alive");
            assertFalse(ProcessState.isRunning(zombie.pid()));
            assertTrue(ProcessState.isRunning(parent.pid()));
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void noSuchProcess() {
        assertEquals(0, ProcessState.state(Integer.MAX_VALUE));
        assertFalse(ProcessState.isRunning(-1));
    }
}
