package io.jpm.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.ipc.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A PM2 ecosystem file read into its list of app objects, ready for {@link AppSpecParser}.
 *
 * <p>Reads every form PM2 reads. {@code .json} is JSON with PM2's tolerance: PM2 evaluates the file as a JavaScript
 * expression, so comments, trailing commas, single quotes, unquoted keys, a leading {@code +}, {@code Infinity} and
 * {@code NaN} are read directly, and anything else JavaScript accepts (hex numbers, {@code undefined}, expressions) is
 * handed to {@code node} the way PM2 does it; when that fails too, the JSON parser's message, with line and column,
 * is the one reported. A key given twice is an error (PM2 keeps the last one silently). {@code .yaml} and {@code .yml}
 * are YAML read as js-yaml reads them for PM2, anchors, aliases ({@code env: *common}) and merge keys
 * ({@code <<: *defaults}) resolved; JavaScript ({@code .js}, {@code .cjs}, {@code .mjs}, such as {@code ecosystem.config.js}) is loaded by
 * {@code node} with {@code require}, as PM2 does (an ES module gives its namespace: {@code export const apps}, not a
 * default export), and its value printed as JSON, a JavaScript {@code undefined} value
 * becoming null (for PM2, an env variable set to undefined is not set).
 *
 * <p>The top level is {@code {"apps": [...]}}, PM2's older {@code {"pm2": [...]}}, a bare list of apps, or one app
 * object (one with a {@code script} or {@code cmd}); a single app object under {@code apps} works too. Other
 * top-level keys, such as PM2's {@code deploy}, are left alone. Every failure is one line naming the file, with the
 * line and column when the parser gives them.
 *
 * <p>The app objects are the parsed tree itself; callers must not modify them.
 */
public final class EcosystemFile {

    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);

    /** Plain JSON, for node's output. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** JSON with the JSON5-like forms a JavaScript expression allows. */
    private static final ObjectMapper LENIENT_JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path file;
    private final List<ObjectNode> apps;
    /** The file's {@code deploy} section (PM2's deployment targets), or a missing node. */
    private final JsonNode deploy;

    private EcosystemFile(Path file, List<ObjectNode> apps, JsonNode deploy) {
        this.file = file;
        this.apps = List.copyOf(apps);
        this.deploy = deploy;
    }

    /** True for the names PM2 treats as ecosystem files rather than scripts in {@code start}. */
    public static boolean isEcosystemFile(String name) {
        return io.jpm.ipc.EcosystemFileNames.isEcosystemFile(name);
    }

    /** Reads {@code file}, running JavaScript with the {@code node} found on the PATH of {@code env}. */
    public static EcosystemFile read(Path file, Map<String, String> env) throws ConfigException {
        return read(file, env, ExecutableLookup.onPath(), NODE_TIMEOUT);
    }

    /**
     * @param env the environment node runs in (the client's: config files often read {@code process.env})
     */
    public static EcosystemFile read(Path file, Map<String, String> env, ExecutableLookup lookup, Duration timeout)
            throws ConfigException {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(abs)) throw new ConfigException(name + ": no such file (" + abs + ")");
        JsonNode root;
        if (lower.endsWith(".json")) {
            root = readJson(abs, name, env, lookup, timeout);
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            root = parseYaml(name, readText(abs));
        } else if (lower.endsWith(".js") || lower.endsWith(".cjs") || lower.endsWith(".mjs")) {
            root = parse(JSON, name, NodeConfigLoader.load(abs, false, env, lookup, timeout));
        } else {
            throw new ConfigException(name + ": not an ecosystem file (expected .json, .yaml, .yml or .js)");
        }
        return new EcosystemFile(abs, appsOf(name, root), root.path("deploy"));
    }

    public Path file() {
        return file;
    }

    /** The base folder of the apps: relative {@code cwd} and {@code script} values start here. */
    public Path folder() {
        return file.getParent();
    }

    public List<ObjectNode> apps() {
        return apps;
    }

    /**
     * The apps as {@code --env <profile>} sees them: PM2 puts the variables of {@code deploy.<profile>.env} under each
     * app's {@code env} (which wins over them; {@code env_<profile>} wins over both). Copies; the file's apps are left
     * as read.
     */
    public List<ObjectNode> withDeployEnv(List<ObjectNode> chosen, String profile) {
        JsonNode vars = profile == null ? null : deploy.path(profile).get("env");
        if (vars == null || !vars.isObject() || vars.isEmpty()) return chosen;
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode app : chosen) {
            JsonNode own = app.get("env");
            if (own != null && !own.isNull() && !own.isObject()) { // a bad env is the reader's to report, untouched
                out.add(app);
                continue;
            }
            ObjectNode env = ((ObjectNode) vars).deepCopy();
            if (own != null && own.isObject()) env.setAll((ObjectNode) own);
            ObjectNode copy = app.deepCopy();
            copy.set("env", env);
            out.add(copy);
        }
        return out;
    }

    /** Only the named apps ({@code --only a,b}), in file order; a name that matches no app is an error. */
    public List<ObjectNode> only(Collection<String> names) throws ConfigException {
        Set<String> wanted = new LinkedHashSet<>();
        for (String n : names) {
            if (!n.isBlank()) wanted.add(n.strip());
        }
        List<ObjectNode> picked = new ArrayList<>();
        Set<String> found = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (ObjectNode app : apps) {
            String label = AppSpecParser.label(app);
            all.add(label);
            if (wanted.contains(label)) {
                picked.add(app);
                found.add(label);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String n : wanted) {
            if (!found.contains(n)) {
                problems.add("--only: no app named \"" + n + "\" in " + file.getFileName() + " (apps: "
                        + String.join(", ", all) + ")");
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return List.copyOf(picked);
    }

    /** {@link #only(Collection)} with the comma-separated form of the command line. */
    public List<ObjectNode> only(String commaSeparated) throws ConfigException {
        return only(List.of(commaSeparated.split(",")));
    }

    /** JSON as PM2 reads it: the lenient parser first, then node for what only JavaScript accepts. */
    private static JsonNode readJson(
            Path file, String name, Map<String, String> env, ExecutableLookup lookup, Duration timeout)
            throws ConfigException {
        String text = readText(file);
        try {
            return parse(LENIENT_JSON, name, text);
        } catch (ConfigException jsonProblem) {
            if (jsonProblem.problems().get(0).contains(": Duplicate field ")) throw jsonProblem;
            try {
                return parse(JSON, name, NodeConfigLoader.load(file, true, env, lookup, timeout));
            } catch (ConfigException nodeProblem) {
                throw jsonProblem;
            }
        }
    }

    private static String readText(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.getFileName() + ": cannot read: " + e);
        }
    }

    private static JsonNode parse(ObjectMapper mapper, String name, String text) throws ConfigException {
        try {
            JsonNode root = mapper.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) throw new ConfigException(name + ": is empty");
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigException(name + where + ": " + Json.problem(e));
        }
    }

    /** YAML with its anchors, aliases and merge keys resolved (SnakeYAML's safe constructor), as a JSON tree. */
    private static JsonNode parseYaml(String name, String text) throws ConfigException {
        Object value;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // js-yaml refuses a key given twice, and so PM2 refuses the file
            value = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark at = e.getProblemMark();
            String where = at == null ? "" : ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1);
            throw new ConfigException(name + where + ": " + firstLine(e.getProblem()));
        } catch (YAMLException | IllegalArgumentException | ClassCastException e) {
            throw new ConfigException(name + ": " + firstLine(e.getMessage()));
        }
        if (value == null) throw new ConfigException(name + ": is empty");
        return toJson(name, value, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** SnakeYAML's value as a JSON tree; {@code open} holds the lists and maps being converted, to refuse a cycle. */
    private static JsonNode toJson(String name, Object v, Set<Object> open) throws ConfigException {
        JsonNodeFactory f = JSON.getNodeFactory();
        if (v == null) return f.nullNode();
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            if (!open.add(v)) throw new ConfigException(name + ": an alias refers to the node that holds it");
            JsonNode node;
            if (v instanceof Map<?, ?> m) {
                ObjectNode o = f.objectNode();
                for (Map.Entry<?, ?> e : m.entrySet())
                    o.set(String.valueOf(e.getKey()), toJson(name, e.getValue(), open));
                node = o;
            } else {
                ArrayNode a = f.arrayNode();
                for (Object item : (List<?>) v) a.add(toJson(name, item, open));
                node = a;
            }
            open.remove(v);
            return node;
        }
        return switch (v) {
            case String s -> f.textNode(s);
            case Boolean b -> f.booleanNode(b);
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case BigInteger b -> f.numberNode(b);
            case Double d -> f.numberNode(d);
            case Date d -> f.textNode(d.toInstant().toString()); // js-yaml's Date, as JSON.stringify prints it
            default -> f.textNode(String.valueOf(v));
        };
    }

    private static String firstLine(String message) {
        return message == null
                ? "unreadable"
                : message.lines().findFirst().orElse("").strip();
    }

    private static List<ObjectNode> appsOf(String name, JsonNode root) throws ConfigException {
        JsonNode list;
        if (root.isArray()) {
            list = root;
        } else if (root.isObject() && (root.has("apps") || root.has("pm2"))) {
            String key = root.has("apps") ? "apps" : "pm2";
            list = root.get(key);
            if (list.isObject()) return List.of((ObjectNode) list);
            if (!list.isArray()) throw new ConfigException(name + ": \"" + key + "\" is not a list of apps");
        } else if (root.isObject() && (root.has("script") || root.has("cmd"))) {
            return List.of((ObjectNode) root); // one app object, as PM2 reads it
        } else if (root.isObject() && root.has("default")) { // PM2 7.0.4 reads an ES module's namespace, as jpm
            throw new ConfigException(name + ": no \"apps\" key: its apps are the module's default export, which"
                    + " PM2 does not read (it requires the file); export them by name: export const apps = [...]");
        } else {
            throw new ConfigException(name + ": no \"apps\" key (expected {\"apps\": [...]} or a list of apps)");
        }
        List<ObjectNode> apps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode app = list.get(i);
            if (!app.isObject()) throw new ConfigException(name + ": apps[" + i + "] is not an object: " + app);
            apps.add((ObjectNode) app);
        }
        if (apps.isEmpty()) throw new ConfigException(name + ": \"apps\" is empty");
        return apps;
    }
}
