package io.jpm.tui.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpm.ipc.Json;
import io.jpm.tui.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A JSON process file read from stdin, as PM2's {@code -} target: {"apps": [...]}, a list, or one app. */
final class StdinProcessFile {
    /** The target that stands for stdin. */
    static final String DASH = "-";

    private StdinProcessFile() {}

    /** The app objects of the process file on {@code in}; a clear error if it is not one. */
    static List<JsonNode> apps(InputStream in) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException("stdin is not a JSON process file: " + e.getOriginalMessage(), 2);
        } catch (IOException e) {
            throw new CliException("cannot read stdin: " + e.getMessage(), 2);
        }
        if (root != null && root.has("apps")) root = root.get("apps");
        List<JsonNode> apps = new ArrayList<>();
        if (root != null && root.isArray()) root.forEach(apps::add);
        else if (root != null && root.isObject()) apps.add(root);
        if (apps.isEmpty()) throw new CliException("stdin holds no app (give {\"apps\": [...]}, a list or an app)", 2);
        return List.copyOf(apps);
    }

    /** The app names of the process file on {@code in}; an app without a name is an error. */
    static List<String> names(InputStream in) {
        List<String> names = new ArrayList<>();
        for (JsonNode app : apps(in)) {
            String name = app.path("name").asText("");
            if (name.isEmpty()) throw new CliException("an app of the stdin process file has no name", 2);
            names.add(name);
        }
        return List.copyOf(names);
    }
}
