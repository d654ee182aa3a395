package io.jpm.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The folder that holds everything one daemon writes: {@code $JPM_HOME}, by default {@code ~/.jpm}.
 *
 * <p>Folders are created 0700 and secret files 0600, so that only the owner can reach the daemon.
 */
public final class JpmHome {
    public static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private JpmHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The JPM_HOME named by the environment, or {@code ~/.jpm}. Does not touch the disk. */
    public static JpmHome fromEnvironment(Map<String, String> env) {
        String value = env.get("JPM_HOME");
        if (value != null && !value.isBlank()) return new JpmHome(Path.of(value));
        return new JpmHome(Path.of(System.getProperty("user.home"), ".jpm"));
    }

    public static JpmHome at(Path root) {
        return new JpmHome(Objects.requireNonNull(root, "root"));
    }

    /** Creates the folders if needed and tightens their mode to 0700. */
    public JpmHome ensureCreated() throws IOException {
        for (Path dir : new Path[] {root, keys(), logs(), themes()}) {
            createPrivateDir(dir);
        }
        return this;
    }

    public static void createPrivateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Files.setPosixFilePermissions(dir, DIR_MODE);
    }

    /** Writes a file readable by its owner only, atomically: temp file, fsync, rename. */
    public static void writePrivateAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE_MODE));
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            var buf = java.nio.ByteBuffer.wrap(content);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
        Files.move(
                tmp,
                target,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public Path root() {
        return root;
    }

    public Path pidFile() {
        return root.resolve("daemon.pid");
    }

    public Path daemonJson() {
        return root.resolve("daemon.json");
    }

    public Path lockFile() {
        return root.resolve("daemon.lock");
    }

    /** The daemon's local control socket: one-shot commands from clients of the same user. */
    public Path controlSocket() {
        return root.resolve("rpc.sock");
    }

    public Path daemonLog() {
        return root.resolve("daemon.log");
    }

    /** The apps {@code jpm save} wrote, for {@code jpm resurrect} and the boot unit (PM2's dump.pm2). */
    public Path dumpFile() {
        return root.resolve("dump.json");
    }

    /**
     * The dump before the latest {@code jpm save} (PM2's dump.pm2.bak): {@code jpm resurrect} falls back to it when
     * dump.json is missing or unreadable.
     */
    public Path dumpBackupFile() {
        return root.resolve("dump.json.bak");
    }

    /** The daemon's live state, rewritten after every change, so that a daemon that crashed adopts its workers. */
    public Path stateFile() {
        return root.resolve("state.json");
    }

    public Path keys() {
        return root.resolve("keys");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** PM2's pid files: {@code <app>-<id>.pid}, one per running worker. */
    public Path pids() {
        return root.resolve("pids");
    }

    public Path themes() {
        return root.resolve("themes");
    }

    /** Where the daemon listens for other hosts, if it does ({@code jpm remote enable}). */
    public Path remoteFile() {
        return root.resolve("remote.json");
    }

    /** The other hosts that this host's clients reach ({@code jpm hosts add}). */
    public Path hostsFile() {
        return root.resolve("hosts.json");
    }

    public Path settings() {
        return root.resolve("settings.json");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
