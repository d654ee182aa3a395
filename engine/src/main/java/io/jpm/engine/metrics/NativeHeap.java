package io.jpm.engine.metrics;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * glibc's malloc heap: gives its free pages back to the kernel ({@code malloc_trim}). glibc keeps what the JVM frees
 * (direct buffers, the compilers' arenas) for reuse, and returns only the top of each arena by itself; the pages in
 * between stay resident until trimmed. On a libc without {@code malloc_trim} (musl) this does nothing.
 */
final class NativeHeap {
    private interface CLib extends Library {
        int malloc_trim(long pad);
    }

    /** Null once the call proved missing. */
    private static volatile CLib c;

    static {
        try {
            c = Native.load("c", CLib.class);
        } catch (UnsatisfiedLinkError e) {
            c = null;
        }
    }

    private NativeHeap() {}

    /** Returns the free pages of every arena to the kernel; a few milliseconds at most on the daemon's heap. */
    static void trim() {
        CLib lib = c;
        if (lib == null) return;
        try {
            lib.malloc_trim(0);
        } catch (UnsatisfiedLinkError e) {
            c = null;
        }
    }
}
