package io.jpm.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {
    @Test
    void thisHostsRangeLiesBelowTheEphemeralPorts() throws IOException {
        PortAllocator a = PortAllocator.forThisHost();
        int ephemeralLow = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .trim()
                .split("\\s+")[0]);
        assertTrue(a.high() < ephemeralLow || a.low() >= 60000, a.low() + ".." + a.high());
        assertTrue(a.low() >= 1024);
        int port = a.next(p -> false);
        assertTrue(port >= a.low() && port <= a.high(), Integer.toString(port));
    }

    @Test
    void skipsPortsInUseAndPortsSomeoneListensOn() throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int b = busy.getLocalPort();
            PortAllocator a = new PortAllocator(b, b + 2, b);
            int first = a.next(p -> p == b + 1);
            assertEquals(b + 2, first, "b is listened on, b+1 is claimed");
            assertEquals(b + 2, a.next(p -> p == b + 1), "the cursor wraps around");
        }
    }

    @Test
    void aFullRangeIsAnErrorNamingIt() {
        PortAllocator a = new PortAllocator(40000, 40002, 40001);
        IOException e = assertThrows(IOException.class, () -> a.next(p -> true));
        assertEquals("no free loopback port in 40000..40002", e.getMessage());
    }

    @Test
    void consecutiveCallsHandOutDifferentPorts() throws IOException {
        PortAllocator a = PortAllocator.forThisHost();
        assertNotEquals(a.next(p -> false), a.next(p -> false));
    }
}
