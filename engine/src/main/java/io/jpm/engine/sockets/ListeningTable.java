package io.jpm.engine.sockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the kernel's TCP socket tables in /proc/net: which sockets listen on a port, whoever holds them. */
final class ListeningTable {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** st of a listening socket in /proc/net/tcp. */
    private static final String LISTEN = "0A";

    private ListeningTable() {}

    /** The inodes of the TCP sockets listening on {@code port}, on any address. */
    static List<Long> listeningOn(int port) {
        String hexPort = String.format(":%04X", port);
        List<Long> inodes = new java.util.ArrayList<>();
        for (Path table : TABLES) {
            for (String[] f : rows(table)) {
                if (f[3].equals(LISTEN) && f[1].endsWith(hexPort)) inodes.add(Long.parseLong(f[9]));
            }
        }
        return inodes;
    }

    /** The rows of a table split on blanks, header left out; no rows when it cannot be read. */
    private static List<String[]> rows(Path table) {
        try {
            return Files.readAllLines(table).stream()
                    .skip(1)
                    .map(l -> l.trim().split("\\s+"))
                    .filter(f -> f.length > 9)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
