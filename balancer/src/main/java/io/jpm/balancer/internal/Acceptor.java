package io.jpm.balancer.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Accepts clients on the public port, blocking, and deals them out to the I/O loops in turn until the port closes. */
public final class Acceptor implements Runnable {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    /** How long to back off after a failed accept, such as one for want of file descriptors, before trying again. */
    private static final long BACKOFF_MILLIS = 50;

    private final ServerSocketChannel listener;
    private final List<IoLoop> loops;

    public Acceptor(ServerSocketChannel listener, List<IoLoop> loops) {
        if (!listener.isBlocking()) {
            throw new IllegalArgumentException("listener must be blocking: " + listener);
        }
        if (loops.isEmpty()) {
            throw new IllegalArgumentException("no I/O loops");
        }
        this.listener = listener;
        this.loops = List.copyOf(loops);
    }

    @Override
    public void run() {
        int next = 0;
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!listener.isOpen()) {
                    return;
                }
                LOG.log(Level.WARNING, "accept failed; retrying in " + BACKOFF_MILLIS + " ms", e);
                if (!pause()) {
                    return;
                }
                continue;
            }
            loops.get(next).adopt(client);
            next = (next + 1) % loops.size();
        }
    }

    private static boolean pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(BACKOFF_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
