package io.jpm.engine.notify;

import java.util.List;

/**
 * A message from some process, with the chain that owns it: the sender's pid as the kernel vouches for it, then its
 * parent, grandparent and so on up to (not including) init. The engine credits the message to the worker whose pid
 * comes first in {@code ancestry}, so that a process can speak only for the worker whose tree it is in.
 */
public record Notification(NotifyMessage message, List<Long> ancestry, long receivedNanos) {
    public Notification {
        ancestry = List.copyOf(ancestry);
        if (ancestry.isEmpty()) throw new IllegalArgumentException("no sender pid");
    }

    public long senderPid() {
        return ancestry.get(0);
    }
}
