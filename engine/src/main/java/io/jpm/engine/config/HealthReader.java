package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The readers of the {@link Settings} of the health section. {@code liveness_probe} and {@code readiness_probe} are
 * in Kubernetes' shape: exactly one of
 * {@code http_get: {path, port, scheme, host}}, {@code tcp_socket: {port, host}} or {@code exec: {command}}, and the
 * timing fields in seconds (fractions allowed).
 */
final class HealthReader {
    private static final Set<String> FIELDS = Set.of(
            "http_get",
            "tcp_socket",
            "exec",
            "initial_delay_seconds",
            "period_seconds",
            "timeout_seconds",
            "success_threshold",
            "failure_threshold");

    private HealthReader() {}

    /**
     * {@code depends_on}: a name or a list of names (each {@code started}), or an object of names to
     * {@code {condition: started|ready|healthy}}, as process-compose and docker compose write it.
     */
    static List<HealthSettings.Dependency> dependsOn(AppReader r) {
        JsonNode v = r.get(Settings.DEPENDS_ON.key());
        if (v == null) return List.of();
        List<HealthSettings.Dependency> out = new ArrayList<>();
        if (v.isTextual()) return List.of(new HealthSettings.Dependency(v.asText(), HealthSettings.Condition.STARTED));
        if (v.isArray()) {
            for (JsonNode n : v) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    r.error(Settings.DEPENDS_ON.key(), v, "holds " + n + ", which is not an app name");
                    return List.of();
                }
                out.add(new HealthSettings.Dependency(n.asText(), HealthSettings.Condition.STARTED));
            }
            return out;
        }
        if (v.isObject()) {
            for (var it = v.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode c = e.getValue().isObject() ? e.getValue().get("condition") : e.getValue();
                HealthSettings.Condition condition = condition(c);
                if (condition == null) {
                    r.error(Settings.DEPENDS_ON.key(), v, e.getKey() + ": condition is not started, ready or healthy");
                    return List.of();
                }
                out.add(new HealthSettings.Dependency(e.getKey(), condition));
            }
            return out;
        }
        r.error(Settings.DEPENDS_ON.key(), v, "is not a list of app names or an object of names to {condition}");
        return List.of();
    }

    /** {@code started}, {@code ready} or {@code healthy}, also in process-compose's spelling; absent is started. */
    private static HealthSettings.Condition condition(JsonNode c) {
        if (c == null || c.isNull()) return HealthSettings.Condition.STARTED;
        if (!c.isTextual()) return null;
        return switch (c.asText()) {
            case "started", "process_started", "service_started" -> HealthSettings.Condition.STARTED;
            case "ready", "process_ready" -> HealthSettings.Condition.READY;
            case "healthy", "process_healthy", "service_healthy" -> HealthSettings.Condition.HEALTHY;
            default -> null;
        };
    }

    static ProbeSpec probe(AppReader r, AppKey key) {
        JsonNode v = r.get(key);
        if (v == null) return null;
        if (!v.isObject()) {
            r.error(key, v, "is not an object with http_get, tcp_socket or exec");
            return null;
        }
        List<String> unknown = new ArrayList<>();
        v.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) unknown.add(f);
        });
        if (!unknown.isEmpty()) {
            r.error(key, v, "has unknown fields " + unknown);
            return null;
        }
        int handlers = (v.has("http_get") ? 1 : 0) + (v.has("tcp_socket") ? 1 : 0) + (v.has("exec") ? 1 : 0);
        if (handlers != 1) {
            r.error(key, v, "needs exactly one of http_get, tcp_socket or exec");
            return null;
        }
        try {
            long delay = millis(v, "initial_delay_seconds", ProbeSpec.DEFAULT_INITIAL_DELAY_MS);
            long period = millis(v, "period_seconds", ProbeSpec.DEFAULT_PERIOD_MS);
            long timeout = millis(v, "timeout_seconds", ProbeSpec.DEFAULT_TIMEOUT_MS);
            int success = count(v, "success_threshold", ProbeSpec.DEFAULT_SUCCESS_THRESHOLD);
            int failure = count(v, "failure_threshold", ProbeSpec.DEFAULT_FAILURE_THRESHOLD);
            if (key == Settings.LIVENESS_PROBE.key() && success != 1) {
                throw new IllegalArgumentException("success_threshold must be 1 for a liveness probe, as Kubernetes");
            }
            if (v.has("http_get")) {
                JsonNode h = object(v, "http_get");
                return new ProbeSpec(
                        ProbeSpec.Kind.HTTP_GET,
                        text(h, "path", "/"),
                        port(h),
                        text(h, "scheme", "http").toLowerCase(java.util.Locale.ROOT),
                        text(h, "host", null),
                        List.of(),
                        delay,
                        period,
                        timeout,
                        success,
                        failure);
            }
            if (v.has("tcp_socket")) {
                JsonNode t = object(v, "tcp_socket");
                return new ProbeSpec(
                        ProbeSpec.Kind.TCP_SOCKET,
                        null,
                        port(t),
                        null,
                        text(t, "host", null),
                        List.of(),
                        delay,
                        period,
                        timeout,
                        success,
                        failure);
            }
            return new ProbeSpec(
                    ProbeSpec.Kind.EXEC,
                    null,
                    0,
                    null,
                    null,
                    command(object(v, "exec")),
                    delay,
                    period,
                    timeout,
                    success,
                    failure);
        } catch (IllegalArgumentException e) {
            r.error(key, v, e.getMessage());
            return null;
        }
    }

    private static JsonNode object(JsonNode v, String field) {
        JsonNode o = v.get(field);
        if (!o.isObject()) throw new IllegalArgumentException(field + " is not an object");
        return o;
    }

    private static String text(JsonNode o, String field, String fallback) {
        JsonNode t = o.get(field);
        if (t == null || t.isNull()) return fallback;
        if (!t.isTextual()) throw new IllegalArgumentException(field + " is not a string: " + t);
        return t.asText();
    }

    private static int port(JsonNode o) {
        JsonNode p = o.get("port");
        if (p == null || p.isNull()) return 0;
        Long n = AppReader.wholeNumber(p);
        if (n == null || n < 1 || n > 65535) throw new IllegalArgumentException("port is not 1..65535: " + p);
        return n.intValue();
    }

    /** {@code command}: a list is the argv, a string runs through {@code sh -c}. */
    private static List<String> command(JsonNode exec) {
        JsonNode c = exec.get("command");
        if (c != null && c.isTextual() && !c.asText().isBlank()) return List.of("sh", "-c", c.asText());
        if (c != null && c.isArray() && !c.isEmpty()) {
            List<String> argv = new ArrayList<>();
            for (JsonNode a : c) {
                if (!a.isValueNode() || a.isNull()) throw new IllegalArgumentException("exec.command holds " + a);
                argv.add(a.asText());
            }
            return argv;
        }
        throw new IllegalArgumentException("exec.command is not a string or a list of strings: " + c);
    }

    private static long millis(JsonNode v, String field, long fallback) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isNumber() || n.asDouble() < 0) throw new IllegalArgumentException(field + " is not seconds >= 0: " + n);
        return Math.round(n.asDouble() * 1000);
    }

    private static int count(JsonNode v, String field, int fallback) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) return fallback;
        Long c = AppReader.wholeNumber(n);
        if (c == null || c < 1 || c > 1000) throw new IllegalArgumentException(field + " is not 1..1000: " + n);
        return c.intValue();
    }
}
