/**
 * node's IPC channel ({@code NODE_CHANNEL_FD}) to every node worker: {@code NodeChannels} reads the daemon's ends on
 * one thread, {@code jpm-node-ipc}, and hands typed messages ({@code NodeMessage}) to a listener that passes them to
 * the supervisor's actor; sends come from the actor and never block. Knows nothing of apps.
 */
package io.jpm.engine.nodeipc;
