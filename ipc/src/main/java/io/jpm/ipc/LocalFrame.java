package io.jpm.ipc;

import java.nio.ByteBuffer;

/** The local control socket's framing: a 4-byte big-endian length, then that many bytes of JSON. */
final class LocalFrame {
    static final int HEADER_BYTES = 4;
    /** The longest socket path Linux binds ({@code sizeof(sun_path)} less the terminating NUL). */
    static final int MAX_PATH_BYTES = 107;

    private LocalFrame() {}

    /** The frame holding {@code json}, ready to write. */
    static ByteBuffer frame(byte[] json) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + json.length);
        b.putInt(json.length).put(json).flip();
        return b;
    }
}
