package io.jpm.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Reads the app entries of a PM2 ecosystem file: JSON, YAML, or a .config.js evaluated by node. */
public final class EcosystemFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private EcosystemFile() {}

    /** The entries of {@code apps} (or of a top-level array), keeping only the comma-separated {@code only}. */
    public static List<JsonNode> read(Path file, String only) throws ConfigException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        JsonNode root;
        try {
            if (name.endsWith(".js") || name.endsWith(".cjs")) {
                root = JSON.readTree(evaluateWithNode(file));
            } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                root = YAML.readTree(Files.readAllBytes(file));
            } else {
                root = JSON.readTree(Files.readAllBytes(file));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(file + ": not valid " + (name.endsWith(".json") ? "JSON" : "YAML") + where
                    + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode apps = root == null ? null : root.isArray() ? root : root.get("apps");
        if (apps == null || !apps.isArray()) throw new ConfigException(file + ": no \"apps\" array");
        if (apps.isEmpty()) throw new ConfigException(file + ": \"apps\" is empty");
        List<JsonNode> out = new ArrayList<>();
        apps.forEach(out::add);
        if (only == null || only.isBlank()) return out;
        Set<String> wanted = Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        List<JsonNode> picked = out.stream().filter(a -> wanted.contains(a.path("name").asText())).toList();
        if (picked.isEmpty()) throw new ConfigException(file + ": --only " + only + " matches no app");
        return picked;
    }

    private static byte[] evaluateWithNode(Path file) throws ConfigException, IOException {
        String script = "const m = require(process.argv[1]); process.stdout.write(JSON.stringify(m.default || m));";
        Process p;
        try {
            p = new ProcessBuilder("node", "-e", script, file.toAbsolutePath().toString())
                    .redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new ConfigException(file + ": a .js ecosystem file needs node on PATH (" + e.getMessage() + ")");
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String first = err.lines().filter(l -> !l.isBlank()).findFirst().orElse("node failed");
                throw new ConfigException(file + ": node could not load it: " + first);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(file + ": interrupted");
        } finally {
            p.destroyForcibly();
        }
    }
}
