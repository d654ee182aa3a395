package io.jpm.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRoutingTest {
    @Test
    void portReferencesInArgumentsBecomeThePrivatePort() {
        assertEquals(
                List.of("/usr/bin/python3", "-m", "http.server", "4100", "--bind", "127.0.0.1"),
                ClusterLaunch.withPort(
                        List.of("/usr/bin/python3", "-m", "http.server", "$PORT", "--bind", "127.0.0.1"), 4100));
        assertEquals(
                List.of("/bin/app", "--listen=:4100", "4100/x", "$PORTS", "$PORT_X"),
                ClusterLaunch.withPort(List.of("/bin/app", "--listen=:${PORT}", "$PORT/x", "$PORTS", "$PORT_X"), 4100));
        assertEquals(
                List.of("/opt/$PORT/bin"),
                ClusterLaunch.withPort(List.of("/opt/$PORT/bin"), 1),
                "the program itself is left alone");
    }
}
