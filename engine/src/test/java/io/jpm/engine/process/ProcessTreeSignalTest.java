package io.jpm.engine.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jpm.testing.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTreeSignalTest {
    @Test
    void aMemberOfTheGroupIsNotSignalledAgainButOneThatLeftItIs() throws Exception {
        // setsid: the shell leads a new group; one sleep stays in it, the other leads a session of its own
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "sleep 30 & setsid sleep 31 & wait").start();
        try {
            long pgid = leader.pid();
            List<ProcessHandle> tree = Await.value("both sleeps", Duration.ofSeconds(10), () -> {
                List<ProcessHandle> t = ProcessTree.snapshot(pgid);
                return t.size() == 3 && t.stream().allMatch(p -> Posix.processGroup(p.pid()) > 0)
                        ? java.util.Optional.of(t)
                        : java.util.Optional.empty();
            });
            List<ProcessHandle> outside = ProcessTree.outsideGroup(pgid, tree);
            assertEquals(1, outside.size(), "only the sleep in a session of its own: " + outside);
            assertNotEquals(pgid, Posix.processGroup(outside.get(0).pid()));
            assertEquals(3, ProcessTree.outsideGroup(0, tree).size(), "no group reached: every member");
        } finally {
            ProcessTree.signal(leader.pid(), ProcessTree.snapshot(leader.pid()), 9);
            leader.waitFor();
        }
    }
}
