package io.jpm.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcFsTest {
    @Test
    void readsTheRssThatStatusShowsAndTheCpuTicksOfARealProcess() throws Exception {
        Process p =
                new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; sleep 30").start();
        try {
            ProcFs fs = ProcFs.system();
            long[] out = new long[2];
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline) {
                assertTrue(fs.read(p.pid(), out));
                if (out[0] > 0) break;
                Thread.sleep(50);
            }
            assertTrue(out[0] > 0, "the busy shell used some CPU ticks");
            String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
            long vmRssKb = Long.parseLong(status.lines()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .orElseThrow()
                    .replaceAll("\\D", ""));
            assertTrue(fs.read(p.pid(), out));
            assertTrue(Math.abs(out[1] / 1024 - vmRssKb) <= 64, out[1] / 1024 + " kB vs VmRSS " + vmRssKb + " kB");
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertFalse(ProcFs.system().read(p.pid(), new long[2]), "a reaped process cannot be read");
    }
}
