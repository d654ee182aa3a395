package io.jpm.balancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BalancerConfigTest {

    @Test
    void defaultsAreAllAddressesRoundRobinAndOneThreadPerCore() {
        BalancerConfig config = BalancerConfig.of(8080);
        assertNull(config.host());
        assertEquals(8080, config.port());
        assertEquals(Strategy.ROUND_ROBIN, config.strategy());
        assertEquals(Duration.ofMinutes(10), config.idleTimeout());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.ioThreads());
    }

    @Test
    void withMethodsReturnNewConfigs() {
        BalancerConfig base = BalancerConfig.of(0);
        BalancerConfig changed = base.withStrategy(Strategy.LEAST_CONNECTIONS).withIdleTimeout(Duration.ZERO);
        assertEquals(Strategy.ROUND_ROBIN, base.strategy());
        assertEquals(Strategy.LEAST_CONNECTIONS, changed.strategy());
        assertEquals(Duration.ZERO, changed.idleTimeout());
    }

    @Test
    void badValuesAreRejectedWithTheValueInTheMessage() {
        BalancerConfig base = BalancerConfig.of(0);
        assertMessage("70000", () -> base.withPort(70000));
        assertMessage("-1", () -> base.withPort(-1));
        assertMessage("0", () -> base.withIoThreads(0));
        assertMessage("PT-1S", () -> base.withIdleTimeout(Duration.ofSeconds(-1)));
        assertMessage("PT0S", () -> base.withConnectTimeout(Duration.ZERO));
        assertMessage("\" \"", () -> base.withHost(" "));
        assertThrows(NullPointerException.class, () -> base.withStrategy(null));
    }

    private static void assertMessage(String expected, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
