package io.jpm.balancer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortProbeTest {

    private final Resources resources = new Resources();

    @AfterEach
    void tearDown() throws Exception {
        resources.closeAll();
    }

    @Test
    void aListeningPortIsAcceptingAndAClosedOneIsNot() throws Exception {
        TestBackend backend = resources.echo(1);
        assertTrue(PortProbe.isAccepting(backend.address(), Duration.ofSeconds(2)));
        assertFalse(PortProbe.isAccepting(Net.deadAddress(), Duration.ofSeconds(2)));
        assertFalse(PortProbe.isAccepting(
                InetSocketAddress.createUnresolved("no-such-host.invalid", 80), Duration.ofSeconds(2)));
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PortProbe.isAccepting(new InetSocketAddress("127.0.0.1", 1), Duration.ZERO));
    }
}
