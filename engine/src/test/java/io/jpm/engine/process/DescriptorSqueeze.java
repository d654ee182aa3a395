package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Leaves this JVM exactly {@code free} descriptors until closed: lowers the soft RLIMIT_NOFILE to a little above what
 * is open, fills the rest with /dev/null, then closes {@code free} of them. Closing gives everything back.
 */
final class DescriptorSqueeze implements AutoCloseable {
    private interface CLib extends Library {
        int getrlimit(int resource, long[] limit);

        int setrlimit(int resource, long[] limit);
    }

    private static final CLib C = Native.load("c", CLib.class);
    private static final int RLIMIT_NOFILE = 7;
    private static final int HEADROOM = 64;

    private final long[] saved = new long[2];
    private final List<Integer> fillers = new ArrayList<>();

    private DescriptorSqueeze(int free) throws IOException {
        if (C.getrlimit(RLIMIT_NOFILE, saved) != 0) throw new IOException("getrlimit failed");
        long highest = Path.of("/proc/self/fd").toFile().list().length;
        for (String fd : Path.of("/proc/self/fd").toFile().list()) highest = Math.max(highest, Long.parseLong(fd));
        if (C.setrlimit(RLIMIT_NOFILE, new long[] {Math.min(saved[0], highest + 1 + HEADROOM), saved[1]}) != 0) {
            throw new IOException("setrlimit failed");
        }
        try {
            while (true) fillers.add(Posix.openNonBlocking(Path.of("/dev/null")));
        } catch (IOException full) {
            // every descriptor is taken now
        }
        for (int i = 0; i < free && !fillers.isEmpty(); i++) Posix.close(fillers.remove(fillers.size() - 1));
    }

    static DescriptorSqueeze leaving(int free) throws IOException {
        return new DescriptorSqueeze(free);
    }

    @Override
    public void close() {
        for (int fd : fillers) Posix.close(fd);
        fillers.clear();
        C.setrlimit(RLIMIT_NOFILE, saved);
    }
}
