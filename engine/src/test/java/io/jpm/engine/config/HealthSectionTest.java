package io.jpm.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthSectionTest extends ParserFixture {

    @Test
    void noProbeByDefault() throws ConfigException {
        assertEquals(HealthSettings.NONE, spec("{'script': 'server.js'}").health());
    }

    @Test
    void anHttpProbeTakesKubernetesDefaults() throws ConfigException {
        ProbeSpec p = spec("{'script': 'server.js', 'liveness_probe': {'http_get': {'path': '/health'}}}")
                .health()
                .liveness();
        assertEquals(ProbeSpec.httpGet("/health"), p);
        assertEquals(10_000, p.periodMs());
        assertEquals(1_000, p.timeoutMs());
        assertEquals(0, p.initialDelayMs());
        assertEquals(1, p.successThreshold());
        assertEquals(3, p.failureThreshold());
        assertEquals(0, p.port(), "the worker's PORT");
    }

    @Test
    void everyFieldIsRead() throws ConfigException {
        HealthSettings h =
                spec("{'script': 'server.js', 'readiness_probe': {'http_get': {'path': '/ready', 'port': 9000,"
                                + " 'scheme': 'HTTPS', 'host': '10.0.0.2'}, 'initial_delay_seconds': 5, 'period_seconds': 0.5,"
                                + " 'timeout_seconds': 2, 'success_threshold': 2, 'failure_threshold': 4},"
                                + " 'liveness_probe': {'exec': {'command': 'test -f /tmp/ok'}}}")
                        .health();
        ProbeSpec r = h.readiness();
        assertEquals(
                new ProbeSpec(
                        ProbeSpec.Kind.HTTP_GET,
                        "/ready",
                        9000,
                        "https",
                        "10.0.0.2",
                        List.of(),
                        5_000,
                        500,
                        2_000,
                        2,
                        4),
                r);
        assertEquals(List.of("sh", "-c", "test -f /tmp/ok"), h.liveness().command());
        assertEquals(ProbeSpec.Kind.EXEC, h.liveness().kind());
    }

    @Test
    void aListCommandIsTheArgvAndATcpProbeItsPort() throws ConfigException {
        HealthSettings h = spec("{'script': 'server.js', 'liveness_probe': {'exec': {'command': ['curl', '-f', 'x']}},"
                        + " 'readiness_probe': {'tcp_socket': {'port': 5432}}}")
                .health();
        assertEquals(List.of("curl", "-f", "x"), h.liveness().command());
        assertEquals(5432, h.readiness().port());
        assertNull(h.readiness().path());
    }

    @Test
    void badProbesAreOneLineEachNamingTheKey() {
        assertProblem("{'liveness_probe': true}", "liveness_probe: true is not an object");
        assertProblem("{'liveness_probe': {}}", "needs exactly one of http_get, tcp_socket or exec");
        assertProblem(
                "{'liveness_probe': {'http_get': {'path': '/'}, 'tcp_socket': {'port': 1}}}", "needs exactly one of");
        assertProblem("{'readiness_probe': {'http_get': {'path': 'health'}}}", "does not start with /");
        assertProblem("{'readiness_probe': {'tcp_socket': {'port': 70000}}}", "port is not 1..65535");
        assertProblem("{'readiness_probe': {'exec': {'command': []}}}", "exec.command is not a string");
        assertProblem(
                "{'readiness_probe': {'exec': {'command': 'x'}, 'period_seconds': 0}}",
                "period_seconds is not positive");
        assertProblem("{'readiness_probe': {'exec': {'command': 'x'}, 'failure_threshold': 0}}", "failure_threshold");
        assertProblem(
                "{'readiness_probe': {'exec': {'command': 'x'}, 'periodSeconds': 1}}",
                "unknown fields [periodSeconds]");
        assertProblem(
                "{'liveness_probe': {'exec': {'command': 'x'}, 'success_threshold': 2}}",
                "success_threshold must be 1 for a liveness probe");
    }

    @Test
    void probesSurviveDumpJson() throws ConfigException {
        AppSpec s = spec("{'script': 'server.js', 'liveness_probe': {'http_get': {'path': '/h'}, 'period_seconds': 2},"
                + " 'readiness_probe': {'exec': {'command': ['true']}}}");
        assertEquals(s.health(), SavedSpec.read(SavedSpec.write(s)).health());
    }

    private void assertProblem(String probe, String expected) {
        List<String> problems = problems("{'script': 'server.js', " + probe.substring(1));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
        assertTrue(problems.get(0).contains("probe"), problems.get(0));
    }
}
