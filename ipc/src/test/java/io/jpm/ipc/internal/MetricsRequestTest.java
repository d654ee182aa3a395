package io.jpm.ipc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.ErrorCode;
import io.jpm.ipc.Request;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The {@code metrics} request on the wire: its address is optional, and a bad one is a bad argument. */
class MetricsRequestTest {

    private static RequestCodec.Decoded decode(String json) {
        return RequestCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAddressRoundTripsAndItsAbsenceMeansLoopback() {
        Request.Metrics off = new Request.Metrics(9209, "10.0.0.5");
        assertEquals(off, RequestCodec.decode(RequestCodec.encode(off)).request());
        assertEquals(
                new Request.Metrics(9209, "*"),
                decode("{\"cmd\":\"metrics\",\"port\":9209,\"address\":\"*\"}").request());
        Request.Metrics old =
                (Request.Metrics) decode("{\"cmd\":\"metrics\",\"port\":9209}").request();
        assertEquals(9209, old.port());
        assertNull(old.address());
    }

    @Test
    void aBadAddressIsABadArgument() {
        RequestCodec.Decoded d = decode("{\"cmd\":\"metrics\",\"port\":9209,\"address\":\"a b\"}");
        assertEquals(ErrorCode.BAD_ARGUMENT, d.error().error().code());
        assertTrue(
                d.error().error().message().contains("a b"), d.error().error().message());
    }
}
