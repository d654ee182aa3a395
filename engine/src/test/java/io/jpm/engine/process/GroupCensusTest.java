package io.jpm.engine.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCensusTest {
    @Test
    void seesAGroupWithARunningMemberAndNotOneWithNone() {
        ProcessTree.GroupCensus census = new ProcessTree.GroupCensus(TimeUnit.SECONDS.toNanos(1));
        long ours = Posix.processGroup(ProcessHandle.current().pid());
        assertTrue(census.hasRunningMember(ours, 0));
        assertFalse(census.hasRunningMember(Integer.MAX_VALUE - 7, 0));
    }

    @Test
    void aGroupWhoseOnlyMemberIsAZombieIsGone() throws Exception {
        // setsid makes the shell lead a new group; its child exits and, unreaped by sleep, stays a zombie in it
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "true & exec sleep 30").start();
        try {
            ProcessHandle zombie = awaitZombieChild(leader.toHandle());
            long pgid = Posix.processGroup(zombie.pid());
            ProcessTree.GroupCensus census = new ProcessTree.GroupCensus(0);
            assertTrue(census.hasRunningMember(pgid, 1), "sleep still runs in the group");
            leader.destroyForcibly().waitFor();
            // only the zombie child, now an orphan of init, may be left in the group
            assertFalse(ProcessTree.anyAlive(pgid, List.of(zombie), census, 2));
        } finally {
            leader.destroyForcibly().waitFor();
        }
    }

    private static ProcessHandle awaitZombieChild(ProcessHandle parent) {
        return Await.value("a zombie child", Duration.ofSeconds(10), () -> parent.children()
                .filter(c -> io.jpm.ipc.ProcessState.state(c.pid()) == 'Z')
                .findFirst());
    }
}
