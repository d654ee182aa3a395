package io.jpm.engine.logs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a folder, for tests of a full disk; tests that need one are skipped where mounting is not
 * allowed (not root, or in a container without the capability). Unmounted on close.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code dir} (created), or skips the calling test. */
    public static Tmpfs mount(Path dir, int kib) throws IOException, InterruptedException {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Files.createDirectories(dir);
        boolean ok = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0700", "tmpfs", dir.toString());
        assumeTrue(ok, "cannot mount a tmpfs here");
        return new Tmpfs(dir);
    }

    /** Gives the filesystem a new size: space comes back (or goes). */
    public void resize(int kib) throws IOException, InterruptedException {
        if (!run("mount", "-o", "remount,size=" + kib + "k", dir.toString())) {
            throw new IOException("cannot resize the tmpfs on " + dir);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!run("umount", "-l", dir.toString())) throw new IOException("cannot unmount " + dir);
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
