package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.wire.AppConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The restart section: watchdog_sec, read by {@link Settings#WATCHDOG_SEC}, saved in dump.json and shown by describe. */
class RestartSectionTest extends ParserFixture {

    @Test
    void watchdogTakesSecondsOrADuration() throws ConfigException {
        assertEquals(0, spec("{'script': 'server.js'}").restart().watchdogMs(), "off by default");
        assertEquals(
                1500,
                spec("{'script': 'server.js', 'watchdog_sec': 1.5}").restart().watchdogMs());
        assertEquals(
                2000,
                spec("{'script': 'server.js', 'watchdog_sec': '2s'}").restart().watchdogMs());
        assertEquals(
                30_000,
                spec("{'script': 'server.js', 'watchdog_sec': 30}").restart().watchdogMs());
    }

    @Test
    void aNegativeWatchdogIsAnError() {
        List<String> p = problems("{'name': 'api', 'script': 'server.js', 'watchdog_sec': -2}");
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("watchdog_sec"), p.get(0));
    }

    @Test
    void describeShowsSecondsAndDumpJsonKeepsIt() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'watchdog_sec': 1}");
        assertEquals(
                new AppConfig.Decimal(1.0),
                DescribeBlock.of(s).get("watchdog_sec").orElseThrow());
        assertEquals(1000, SavedSpec.read(SavedSpec.write(s)).restart().watchdogMs());
    }
}
