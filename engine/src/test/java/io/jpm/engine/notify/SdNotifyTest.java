package io.jpm.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdNotifyTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    @Test
    void readyAndStoppingReachAPathSocket() throws IOException {
        String address = tmp.resolve("notify.sock").toString();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bound(address)) {
            SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", address), warnings::add);
            assertTrue(notify.enabled());
            notify.ready();
            notify.stopping();
            assertEquals(Optional.of("READY=1\nSTATUS=serving"), systemd.receive(Duration.ofSeconds(5)));
            assertEquals(Optional.of("STOPPING=1"), systemd.receive(Duration.ofSeconds(5)));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void anAbstractAddressWorksToo() throws IOException {
        String address = "@jpm-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (UnixDatagramSocket systemd = UnixDatagramSocket.bound(address)) {
            SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", address), warnings::add)
                    .ready();
            assertEquals(Optional.of("READY=1\nSTATUS=serving"), systemd.receive(Duration.ofSeconds(5)));
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void withoutNotifySocketNothingIsSent() {
        SdNotify notify = SdNotify.fromEnvironment(Map.of(), warnings::add);
        assertFalse(notify.enabled());
        notify.ready();
        assertEquals(List.of(), warnings);
    }

    @Test
    void aSocketNobodyListensOnIsAWarningNotAFailure() {
        SdNotify notify = SdNotify.fromEnvironment(
                Map.of("NOTIFY_SOCKET", tmp.resolve("gone.sock").toString()), warnings::add);
        notify.ready();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("cannot notify systemd at "), warnings.get(0));
    }

    @Test
    void anUnusableAddressIsNamedOnce() {
        SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:1234"), warnings::add);
        assertFalse(notify.enabled());
        notify.ready();
        assertEquals(
                List.of("NOTIFY_SOCKET=vsock:2:1234 is neither a path nor an abstract name; systemd is not told"),
                warnings);
    }

    @Test
    void receiveTimesOutEmptyAndCloseIsIdempotent() throws IOException {
        UnixDatagramSocket s =
                UnixDatagramSocket.bound(tmp.resolve("quiet.sock").toString());
        assertEquals(Optional.empty(), s.receive(Duration.ofMillis(50)));
        s.close();
        s.close();
        assertEquals(Optional.empty(), s.receive(Duration.ofMillis(50)));
    }

    @Test
    void anAddressTooLongForSockaddrIsRefused() {
        String address = "/" + "x".repeat(120);
        assertThrows(IllegalArgumentException.class, () -> UnixDatagramSocket.bound(address));
    }
}
