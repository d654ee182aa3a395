package io.jpm.tui.cli;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jpm.ipc.Json;
import io.jpm.tui.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON process file read from stdin, as PM2's {@code -} target, or from a {@code .json} file named as the target of
 * stop, delete or reset: {"apps": [...]}, {"pm2": [...]}, a list, or one app.
 */
final class StdinProcessFile {
    /** The target that stands for stdin. */
    static final String DASH = "-";

    /** PM2 evaluates a .json process file as JavaScript: comments, unquoted keys, single quotes, trailing commas. */
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private StdinProcessFile() {}

    /** The app objects of the process file on {@code in}; a clear error if it is not one. */
    static List<JsonNode> apps(InputStream in) {
        return apps(in, "stdin");
    }

    /** The app objects of the process file on {@code in}, which {@code source} names in messages. */
    static List<JsonNode> apps(InputStream in, String source) {
        JsonNode root;
        try {
            root = LENIENT.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException(source + " is not a JSON process file: " + Json.problem(e), 2);
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage(), 2);
        }
        if (root != null && root.has("apps")) root = root.get("apps");
        else if (root != null && root.has("pm2")) root = root.get("pm2");
        List<JsonNode> apps = new ArrayList<>();
        if (root != null && root.isArray()) root.forEach(apps::add);
        else if (root != null && root.isObject()) apps.add(root);
        if (apps.isEmpty())
            throw new CliException(source + " holds no app (give {\"apps\": [...]}, a list or an app)", 2);
        return List.copyOf(apps);
    }

    /** The app names of the process file on {@code in}; an app without a name is an error. */
    static List<String> names(InputStream in) {
        return names(in, "stdin");
    }

    /** The app names of the process file {@code file} (PM2's {@code pm2 stop eco.json}). */
    static List<String> names(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return names(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), 2);
        }
    }

    private static List<String> names(InputStream in, String source) {
        List<String> names = new ArrayList<>();
        for (JsonNode app : apps(in, source)) {
            String name = app.path("name").asText("");
            if (name.isEmpty()) throw new CliException("an app of the " + source + " process file has no name", 2);
            names.add(name);
        }
        return List.copyOf(names);
    }
}
