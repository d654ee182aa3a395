package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Composes a worker's environment as PM2 does: the client's environment, then {@code env}, then {@code env_<profile>}
 * ({@code --env production}), later keys winning.
 *
 * <p>A JSON null removes a variable: that is what an ecosystem file's JS {@code undefined} becomes, and PM2 (through
 * node's spawn) drops a variable whose value is undefined. Objects and lists become their JSON text, as in PM2.
 */
final class EnvComposer {

    private final Map<String, String> base;
    private final String profile;

    EnvComposer(Map<String, String> base, String profile) {
        this.base = base;
        this.profile = profile;
    }

    Map<String, String> compose(JsonNode app, AppReader r) {
        Map<String, String> env = new LinkedHashMap<>(base);
        apply(r, Settings.ENV.key().key(), r.get(Settings.ENV.key()), env);
        if (profile != null) {
            String key = "env_" + profile;
            if (app.has(key)) {
                apply(r, key, app.get(key).isNull() ? null : app.get(key), env);
            } else {
                r.warn("no " + key + " block; only env applies");
            }
        }
        return env;
    }

    private static void apply(AppReader r, String key, JsonNode block, Map<String, String> env) {
        if (block == null) return;
        if (!block.isObject()) {
            r.error(key, block + " is not an object of variables");
            return;
        }
        for (Map.Entry<String, JsonNode> e : block.properties()) {
            String var = e.getKey();
            if (var.isEmpty() || var.contains("=") || var.indexOf('\0') >= 0) {
                r.error(key, "variable name " + CommandBuilder.quote(var) + " is not valid");
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                env.remove(var);
            } else {
                String value = v.isValueNode() ? v.asText() : v.toString();
                if (value.indexOf('\0') >= 0) r.error(key, "value of " + var + " holds a NUL character");
                env.put(var, value);
            }
        }
    }
}
