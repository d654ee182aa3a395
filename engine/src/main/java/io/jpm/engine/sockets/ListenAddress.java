package io.jpm.engine.sockets;

/** Where a listening socket is bound: {@code path} != null: a Unix socket; else TCP {@code host:port}. */
public record ListenAddress(String host, int port, String path) {}
