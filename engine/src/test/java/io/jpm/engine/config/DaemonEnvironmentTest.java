package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonEnvironmentTest {
    @Test
    void pm2KillUseMessageIsOnForAnyNonEmptyValueAsJavaScriptReadsIt() {
        assertTrue(DaemonEnvironment.of(Map.of("PM2_KILL_USE_MESSAGE", "true")).killUseMessage());
        assertTrue(DaemonEnvironment.of(Map.of("PM2_KILL_USE_MESSAGE", "false")).killUseMessage(), "a string");
        assertTrue(DaemonEnvironment.of(Map.of("PM2_KILL_USE_MESSAGE", "0")).killUseMessage(), "a string");
        assertFalse(DaemonEnvironment.of(Map.of("PM2_KILL_USE_MESSAGE", "")).killUseMessage(), "empty is falsy");
        assertFalse(DaemonEnvironment.of(Map.of()).killUseMessage());
    }
}
