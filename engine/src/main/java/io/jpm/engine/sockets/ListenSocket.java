package io.jpm.engine.sockets;

/**
 * A listening socket the daemon holds for an app: the address it was asked for (with the port the kernel chose when
 * that was 0), its descriptor in the daemon, and its inode, which names the socket across processes (a worker that
 * inherited it shows {@code socket:[inode]} in /proc/PID/fd).
 */
public record ListenSocket(ListenAddress address, int fd, long inode) {}
