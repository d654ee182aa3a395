package io.jpm.engine.sockets;

/** A listening socket the daemon owns: where it is bound, its descriptor in the daemon, and its inode. */
public record ListenSocket(ListenAddress address, int fd, long inode) {}
