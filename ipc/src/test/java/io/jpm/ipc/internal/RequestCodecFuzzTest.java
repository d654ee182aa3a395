package io.jpm.ipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jpm.ipc.Reply;

/**
 * Feeds arbitrary frames to the daemon's request decoder: every frame becomes a request or a one-line error reply,
 * never an exception, and every request it accepts survives an encode and decode unchanged.
 */
class RequestCodecFuzzTest {

    @FuzzTest(maxDuration = "6s")
    void everyFrameDecodesToARequestOrAOneLineError(byte[] frame) {
        RequestCodec.Decoded decoded = RequestCodec.decode(frame);
        assertTrue(
                (decoded.request() == null) != (decoded.error() == null),
                "exactly one of request and error: " + decoded);
        if (decoded.error() != null) {
            Reply.Error error = decoded.error().error();
            assertFalse(decoded.error().ok());
            assertNotNull(error.code());
            assertFalse(error.message().contains("\n"), () -> "multi-line error: " + error.message());
            assertTrue(
                    error.message().length() <= 301,
                    () -> "error too long: " + error.message().length());
            RequestCodec.encode(decoded.error()); // every error reply can be sent
            return;
        }
        RequestCodec.Decoded again = RequestCodec.decode(RequestCodec.encode(decoded.request()));
        assertEquals(decoded.request(), again.request(), "round trip");
    }
}
