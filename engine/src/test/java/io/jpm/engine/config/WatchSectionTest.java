package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.ipc.wire.AppConfig;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watch section ({@code watch}, {@code ignore_watch}, {@code watch_delay}, {@code watch_options}, read by
 * {@link Settings#WATCH}) and {@code cron_restart} in the restart section: read, saved in dump.json, shown by describe.
 */
class WatchSectionTest extends ParserFixture {

    @Test
    void watchIsOffByDefaultAndTrueMeansTheCwd() throws ConfigException {
        assertFalse(spec("{'script': 'server.js'}").watch().enabled());
        assertFalse(spec("{'script': 'server.js', 'watch': false}").watch().enabled());
        AppSpec s = spec("{'script': 'server.js', 'watch': true}");
        assertEquals(List.of(project.toString()), s.watch().paths());
        assertEquals(WatchSettings.DEFAULT_DELAY_MS, s.watch().delayMs(), "PM2's watch_delay: 0");
    }

    @Test
    void watchedPathsAreRelativeToTheCwd() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'watch': ['api', './lib.cjs'], 'watch_delay': 1500,"
                + " 'ignore_watch': ['*.log', 'tmp'], 'watch_options': {'followSymlinks': false, 'usePolling': true,"
                + " 'interval': 500}}");
        assertEquals(
                List.of(
                        project.resolve("api").toString(),
                        project.resolve("lib.cjs").toString()),
                s.watch().paths());
        assertEquals(List.of("*.log", "tmp"), s.watch().ignore());
        assertEquals(1500, s.watch().delayMs());
        assertFalse(s.watch().followSymlinks());
        assertTrue(s.watch().polling());
        assertEquals(500, s.watch().intervalMs());
        assertEquals(
                List.of("app \"server\": watch_options.usePolling: jpm watches with inotify, not by polling; "
                        + "usePolling and interval are kept but not used"),
                warnings("{'script': 'server.js', 'watch': true, 'watch_options': {'usePolling': true}}"));
        assertEquals(
                List.of("node_modules|\\.log$"),
                spec("{'script': 'server.js', 'watch': true," + " 'ignore_watch': 'node_modules|\\\\.log$'}")
                        .watch()
                        .ignore(),
                "one string is one pattern, not split");
    }

    @Test
    void dumpJsonKeepsWatchAndCronAndDescribeShowsThem() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'watch': ['api'], 'ignore_watch': ['x'], 'watch_delay': 700,"
                + " 'cron_restart': '0 3 * * *'}");
        AppSpec back = SavedSpec.read(SavedSpec.write(s));
        assertEquals(s.watch(), back.watch());
        assertEquals("0 3 * * *", back.restart().cronRestart());
        assertEquals(
                new AppConfig.Items(
                        List.of(new AppConfig.Text(project.resolve("api").toString()))),
                DescribeBlock.of(s).get("watch").orElseThrow());
        assertEquals(
                new AppConfig.Whole(700), DescribeBlock.of(s).get("watch_delay").orElseThrow());
        assertEquals(
                new AppConfig.Text("0 3 * * *"),
                DescribeBlock.of(s).get("cron_restart").orElseThrow());
        assertEquals(
                new AppConfig.Flag(false),
                DescribeBlock.of(spec("{'script': 'server.js'}")).get("watch").orElseThrow());
    }

    @Test
    void aBadCronIsOneErrorNamingTheAppAndTheKey() {
        for (String bad : List.of("61 * * * *", "* * *", "every day", "* * * * * * * *")) {
            List<String> p = problems("{'name': 'api', 'script': 'server.js', 'cron_restart': '" + bad + "'}");
            assertEquals(1, p.size(), p.toString());
            assertTrue(p.get(0).contains("api") && p.get(0).contains("cron_restart"), p.get(0));
        }
        assertNull(assertDoesNotThrowSpec("{'script': 'server.js'}").restart().cronRestart());
    }

    private AppSpec assertDoesNotThrowSpec(String app) {
        try {
            return spec(app);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cronTakesFiveFieldsOrSixWithSecondsFirst() {
        long at = ZonedDateTime.of(2026, 12, 2, 1, 30, 0, 0, ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        assertEquals(
                at + 90 * 60_000L,
                CronSchedule.parse("0 3 * * *").nextAfter(at, ZoneOffset.UTC).orElseThrow(),
                "5 fields: minute first, 03:00");
        assertEquals(
                at + 10_000,
                CronSchedule.parse("*/10 * * * * *")
                        .nextAfter(at, ZoneOffset.UTC)
                        .orElseThrow(),
                "6 fields: seconds first");
        assertEquals(
                at + 20_000,
                CronSchedule.parse("*/10 * * * * *")
                        .nextAfter(at + 10_000, ZoneOffset.UTC)
                        .orElseThrow(),
                "strictly after the time given");
        long monday = ZonedDateTime.of(2026, 12, 7, 0, 0, 0, 0, ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        assertEquals(
                monday,
                CronSchedule.parse("0 0 * * 1").nextAfter(at, ZoneOffset.UTC).orElseThrow(),
                "day of week");
    }
}
