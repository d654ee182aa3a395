package io.jpm.engine.cluster;

import io.jpm.engine.logs.LogPump;
import io.jpm.engine.sockets.ListenSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A process about to start in cluster mode, as {@link ClusterRouting#prepare} readies it: its private port behind the
 * balancer or the daemon's socket, and what tells that it is ready. Used on the actor only.
 */
public final class ClusterLaunch {
    private static final Pattern PORT_REF = Pattern.compile("\\$\\{PORT}|\\$PORT(?![A-Za-z0-9_])");

    private final int port;
    private final boolean waitReady;
    private final String readyLine;
    /** The daemon's socket, handed to the process as fd 3 in the socket listen mode; else null. */
    private final ListenSocket socket;

    private ReadyLineWatcher watcher;

    ClusterLaunch(int port, boolean waitReady, String readyLine, ListenSocket socket) {
        this.port = port;
        this.waitReady = waitReady;
        this.readyLine = readyLine;
        this.socket = socket;
    }

    /** The descriptors the process inherits at 3, 4, …: the shared socket, or none behind the balancer. */
    public List<Integer> passFds() {
        return socket == null ? List.of() : List.of(socket.fd());
    }

    /** The private port behind the balancer, or 0 in the socket mode. */
    public int port() {
        return port;
    }

    /**
     * The argv with {@code $PORT} and {@code ${PORT}} in its arguments replaced by the private port, for programs
     * that take their port on the command line ({@code python3 -m http.server '$PORT'}); as it is in the socket
     * mode.
     */
    public List<String> argv(List<String> command) {
        return socket == null ? withPort(command, port) : command;
    }

    boolean waitReady() {
        return waitReady;
    }

    /** The daemon's socket in the socket listen mode, else null. */
    ListenSocket socket() {
        return socket;
    }

    /** Completes when the ready line is seen; null without a ready line (or before {@link #readyWatcher}). */
    CompletableFuture<Void> readyLineSeen() {
        return watcher == null ? null : watcher.seen();
    }

    /** What watches the process's stdout for its ready line, or null when readiness is a port probe. */
    public LogPump.LineWatcher readyWatcher() {
        if (readyLine == null) return null;
        watcher = new ReadyLineWatcher(readyLine);
        return watcher;
    }

    /** {@code command} with {@code $PORT} and {@code ${PORT}} in its arguments (not the program) replaced. */
    static List<String> withPort(List<String> command, int port) {
        List<String> out = new ArrayList<>(command.size());
        out.add(command.get(0));
        String value = Integer.toString(port);
        for (String arg : command.subList(1, command.size()))
            out.add(PORT_REF.matcher(arg).replaceAll(value));
        return out;
    }
}
