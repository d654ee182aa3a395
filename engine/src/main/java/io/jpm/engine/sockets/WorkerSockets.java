package io.jpm.engine.sockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds, among a worker's descriptors, the listening socket it inherited for an address: the descriptor whose
 * {@code socket:[inode]} listens on the address's port (TCP, /proc/net/tcp{,6}) or path (/proc/net/unix). fd 3 is
 * where the worker got it, but a server may have moved it.
 */
final class WorkerSockets {
    private WorkerSockets() {}

    static OptionalInt listeningOn(long pid, ListenAddress address) {
        Set<Long> listening = address.isUnix()
                ? unixListening(address.path())
                : new HashSet<>(ListeningTable.listeningOn(address.port()));
        if (listening.isEmpty()) return OptionalInt.empty();
        String p = Long.toString(pid);
        if (listening.contains(SocketCalls.inode(p, 3))) return OptionalInt.of(3);
        try (var fds = Files.newDirectoryStream(Path.of("/proc", p, "fd"))) {
            for (Path fd : fds) {
                int n = Integer.parseInt(fd.getFileName().toString());
                if (listening.contains(SocketCalls.inode(p, n))) return OptionalInt.of(n);
            }
        } catch (IOException | NumberFormatException e) {
            // the worker is gone or not ours to read
        }
        return OptionalInt.empty();
    }

    /** Inodes of the Unix stream sockets listening at {@code path} (/proc/net/unix: state 01 with the listen flag). */
    private static Set<Long> unixListening(String path) {
        Set<Long> inodes = new HashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/net/unix"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8 && f[7].equals(path) && f[3].equals("00010000")) inodes.add(Long.parseLong(f[6]));
            }
        } catch (IOException | NumberFormatException e) {
            // unreadable: nothing found
        }
        return inodes;
    }
}
