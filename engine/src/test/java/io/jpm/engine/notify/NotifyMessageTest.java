package io.jpm.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NotifyMessageTest {
    @Test
    void readsEveryKeyJpmActsOn() {
        NotifyMessage m = NotifyMessage.parse("READY=1\nSTATUS=warming up: 3/4\nWATCHDOG=1\nWATCHDOG_USEC=2500000\n");
        assertTrue(m.ready());
        assertEquals(Optional.of("warming up: 3/4"), m.status());
        assertTrue(m.watchdogPing());
        assertFalse(m.watchdogTrigger());
        assertEquals(OptionalLong.of(2_500_000), m.watchdogUsec());
        assertFalse(m.stopping());
    }

    @Test
    void ignoresWhatSystemdIgnores() {
        NotifyMessage m = NotifyMessage.parse("READY=0\nMAINPID=1\nnonsense\n=x\nWATCHDOG_USEC=-4\nWATCHDOG=2\n");
        assertEquals(new NotifyMessage(false, false, Optional.empty(), false, false, OptionalLong.empty()), m);
    }

    @Test
    void triggerAndStoppingAndTheLastStatusWin() {
        NotifyMessage m = NotifyMessage.parse("STATUS=a\nWATCHDOG=trigger\nSTOPPING=1\nSTATUS=b");
        assertTrue(m.watchdogTrigger());
        assertTrue(m.stopping());
        assertEquals(Optional.of("b"), m.status());
    }

    @Test
    void aLongStatusIsCut() {
        NotifyMessage m = NotifyMessage.parse("STATUS=" + "x".repeat(1000));
        assertEquals(NotifyMessage.MAX_STATUS, m.status().orElseThrow().length());
    }
}
