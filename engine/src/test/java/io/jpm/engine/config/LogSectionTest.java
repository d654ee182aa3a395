package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.config.AppSpecParser.Parsed;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log section: log files, timestamps and date formats. */
class LogSectionTest extends ParserFixture {

    @Test
    void logFiles() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'out_file': '~/logs/out.log', 'error_file': 'NULL'}");
        assertEquals(Path.of("/home/ada/logs/out.log"), s.logs().outFile());
        assertEquals(Path.of("/dev/null"), s.logs().errorFile());
        assertEquals(
                List.of("app \"server\": output was ignored: out_file is set"),
                warnings("{'script': 'server.js', 'out_file': 'a.log', 'output': 'b.log'}"));
    }

    @Test
    void timestampsAndReadiness() throws ConfigException {
        Parsed p = parser.parse(json("{'script': 'server.js', 'time': false, 'log_date_format': 'HH:mm'}"));
        assertFalse(p.spec().logs().timestamps());
        assertEquals(List.of("app \"server\": log_date_format was ignored: time is false"), p.warnings());
        Parsed q = parser.parse(json("{'script': 'server.js', 'wait_ready': false, 'ready_line': 'up'}"));
        assertFalse(q.spec().cluster().waitReady());
        assertNull(q.spec().cluster().readyLine());
        assertEquals(List.of("app \"server\": ready_line was ignored: wait_ready is false"), q.warnings());
        AppSpec r = spec("{'script': 'server.js', 'wait_ready': true}");
        assertTrue(r.cluster().waitReady());
        assertNull(r.cluster().readyLine(), "no ready line: the supervisor probes the port");
    }

    @Test
    void anUnknownDateFormatTokenIsAWarningNotAFailedStart() throws ConfigException {
        Parsed p = parser.parse(json("{'name': 'api', 'script': 'server.js', 'log_date_format': 'MMMM Do'}"));
        assertNull(p.spec().logs().dateFormat(), "the default format applies");
        assertEquals(
                List.of("app \"api\": log_date_format \"MMMM Do\" uses moment token \"Do\", which jpm does not"
                        + " support; the default format is used"),
                p.warnings());
    }
}
