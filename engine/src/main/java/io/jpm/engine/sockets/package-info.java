/**
 * The daemon's listening sockets (ListenSockets): bound once per app and address, kept for the app's whole life, and
 * handed to workers as an inherited descriptor (systemd's socket-activation protocol) by cluster mode's socket listen
 * mode and by node's cluster protocol. After a daemon crash the socket is taken back from a live worker
 * (WorkerSockets, pidfd_getfd, ListeningTable), so later workers share the same one.
 *
 * <p>Threading: ListenSockets may be called from any thread (one lock, held only for its map and a bind); the other
 * classes are stateless.
 */
package io.jpm.engine.sockets;
