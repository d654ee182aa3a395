package io.jpm.engine.metrics;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.List;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * The lean per-process reader: two small reads from /proc per process ({@code stat} for CPU ticks, {@code statm}
 * for resident pages, which is what {@code VmRSS} and {@code ps} show), parsed in place from one reused buffer.
 *
 * <p>It exists because OSHI's per-process call costs several times more (it reads and parses more files and builds
 * an object per process); see bench/README.md. Not thread-safe: the sampler's thread owns it.
 */
public final class ProcFs implements ProcessReader {
    static {
        OshiLogging.quiet();
    }

    private static final int UTIME = 14; // field numbers of proc(5), counted from 1
    private static final int STIME = 15;

    private final long pageSize;
    private final long hz;
    private final byte[] buf = new byte[4096];

    public ProcFs(long pageSize, long hz) {
        if (pageSize <= 0) throw new IllegalArgumentException("pageSize <= 0: " + pageSize);
        if (hz <= 0) throw new IllegalArgumentException("hz <= 0: " + hz);
        this.pageSize = pageSize;
        this.hz = hz;
    }

    /** This machine's page size and clock ticks per second, as OSHI found them. */
    public static ProcFs system() {
        return new ProcFs(LinuxOperatingSystem.getPageSize(), LinuxOperatingSystem.getHz());
    }

    @Override
    public boolean read(long pid, long[] out) {
        String dir = "/proc/" + pid;
        int n = readFile(dir + "/stat");
        if (n <= 0) return false;
        int i = n - 1;
        while (i >= 0 && buf[i] != ')') i--; // the command name may hold spaces and parentheses
        if (i < 0) return false;
        i += 2; // the state field (3)
        long utime = 0;
        long stime = 0;
        for (int field = 3; field <= STIME && i < n; field++) {
            long v = 0;
            while (i < n && buf[i] != ' ') {
                byte c = buf[i++];
                if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
            }
            i++;
            if (field == UTIME) utime = v;
            if (field == STIME) stime = v;
        }
        n = readFile(dir + "/statm");
        if (n <= 0) return false;
        i = 0;
        while (i < n && buf[i] != ' ') i++; // skip size
        i++;
        long resident = 0;
        while (i < n && buf[i] >= '0' && buf[i] <= '9') resident = resident * 10 + (buf[i++] - '0');
        out[0] = utime + stime;
        out[1] = resident * pageSize;
        return true;
    }

    private int readFile(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            int total = 0;
            int r;
            while (total < buf.length && (r = in.read(buf, total, buf.length - total)) > 0) total += r;
            return total;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public List<Long> descendants(long pid) {
        return ProcessHandle.of(pid)
                .map(h -> h.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    @Override
    public long ticksPerSecond() {
        return hz;
    }
}
