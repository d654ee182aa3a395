package io.jpm.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one app of a PM2 ecosystem file, or the options of {@code jpm start}, into a validated {@link AppSpec}.
 *
 * <p>Every problem of an app is collected and reported together in one {@link ConfigException}; keys jpm does not
 * use become warnings, never silently dropped. The parser is immutable: {@code with…} methods return a copy.
 *
 * <p>The worker environment is the client's environment, then {@code env}, then {@code env_<profile>}, later keys
 * winning; a JSON null value removes a variable. Relative paths ({@code cwd}, {@code script}, log files) resolve
 * against the base folder and then the app's {@code cwd}, and {@code ~} is the client's HOME.
 */
public final class AppSpecParser {

    /** An app that parsed, with what was ignored or adjusted along the way. */
    public record Parsed(AppSpec spec, List<String> warnings) {
        public Parsed {
            Objects.requireNonNull(spec, "spec");
            warnings = List.copyOf(warnings);
        }
    }

    final Map<String, String> baseEnv;
    final Path baseCwd;
    final String profile;
    final ExecutableLookup lookup;
    final int processors;
    final boolean fileRules; // PM2's rules that only make sense for an ecosystem file

    /**
     * @param baseEnv the environment of the {@code jpm start} client
     * @param baseCwd the ecosystem file's folder, or the client's folder for {@code jpm start <script>}
     */
    public AppSpecParser(Map<String, String> baseEnv, Path baseCwd) {
        this(
                baseEnv,
                baseCwd,
                null,
                ExecutableLookup.onPath(),
                Runtime.getRuntime().availableProcessors(),
                false);
    }

    private AppSpecParser(
            Map<String, String> baseEnv,
            Path baseCwd,
            String profile,
            ExecutableLookup lookup,
            int processors,
            boolean fileRules) {
        this.baseEnv = Map.copyOf(Objects.requireNonNull(baseEnv, "baseEnv"));
        this.baseCwd =
                Objects.requireNonNull(baseCwd, "baseCwd").toAbsolutePath().normalize();
        this.profile = profile;
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        if (processors < 1) throw new IllegalArgumentException("processors < 1: " + processors);
        this.processors = processors;
        this.fileRules = fileRules;
    }

    /** Also applies {@code env_<profile>} ({@code --env production}); null for none. */
    public AppSpecParser withProfile(String profile) {
        if (profile != null && !profile.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad env profile name: \"" + profile + "\"");
        }
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors, fileRules);
    }

    public AppSpecParser withLookup(ExecutableLookup lookup) {
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors, fileRules);
    }

    /** The processor count behind {@code instances: "max"}, 0 and negative counts. */
    public AppSpecParser withProcessors(int processors) {
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors, fileRules);
    }

    /**
     * For the apps of an ecosystem file: a {@code script} that is a command line ignores {@code args}, as PM2 runs
     * it with {@code bash -c}. On the command line, {@code jpm start "python3 -m http.server" -- 8080} keeps its
     * arguments.
     */
    public AppSpecParser forEcosystemFile() {
        return new AppSpecParser(baseEnv, baseCwd, profile, lookup, processors, true);
    }

    /** Parses every app, reporting the problems of all of them together, and duplicate names. */
    public List<Parsed> parseAll(List<? extends JsonNode> apps) throws ConfigException {
        Each each = parseEach(apps);
        List<String> problems = new ArrayList<>(each.refused());
        problems.addAll(each.skipped());
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return each.parsed();
    }

    /**
     * The apps that parse and the problems of those that do not, as PM2 starts a file: each app on its own, so one
     * app whose interpreter is missing leaves the others to start.
     */
    public record Each(List<Parsed> parsed, List<String> skipped, List<String> refused) {
        /**
         * @param skipped the problems of apps PM2 would leave out while starting the others: a script, interpreter
         *     or cwd it cannot find, a name another app has
         * @param refused the problems for which PM2 refuses the whole file: a value its schema rejects
         */
        public Each {
            parsed = List.copyOf(parsed);
            skipped = List.copyOf(skipped);
            refused = List.copyOf(refused);
        }
    }

    /** Parses each app on its own, sorting the problems as PM2 meets them. */
    public Each parseEach(List<? extends JsonNode> apps) {
        List<Parsed> parsed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode app : apps) {
            AppReader r = app != null && app.isObject() ? new AppReader(app, label(app), fileRules) : null;
            try {
                Parsed p = parse(app, r);
                if (seen.merge(p.spec().name(), 1, Integer::sum) >= 2) {
                    skipped.add("app \"" + p.spec().name() + "\": name: used by more than one app");
                } else {
                    parsed.add(p);
                }
            } catch (ConfigException e) {
                (r != null && r.onlyLaunchErrors() ? skipped : refused).addAll(e.problems());
            }
        }
        return new Each(parsed, skipped, refused);
    }

    public Parsed parse(JsonNode app) throws ConfigException {
        return parse(app, app != null && app.isObject() ? new AppReader(app, label(app), fileRules) : null);
    }

    private Parsed parse(JsonNode app, AppReader r) throws ConfigException {
        if (r == null) throw new ConfigException("an app must be a JSON object, not: " + app);
        checkKeys(app, r);
        Reading in = new Reading(app, r, this);
        for (Setting<?> s : Settings.ALL) in.get(s);
        if (r.hasErrors()) throw new ConfigException(r.errors());
        Map<Setting<?>, Object> values = new HashMap<>();
        for (Setting<?> s : Settings.ALL) {
            if (s.isStored()) values.put(s, in.getOrDefault(s));
        }
        AppSpec spec = new AppSpec(values);
        Run run = spec.run();
        if (run.mode() == AppSpec.ExecMode.FORK && spec.cluster().sharesSocket()) {
            r.warn("listen_mode \"socket\" applies to cluster mode (exec_mode \"cluster\") and was ignored");
        }
        if (run.mode() == AppSpec.ExecMode.FORK && spec.cluster().port() > 0) { // PM2 exports port as PORT
            Map<String, String> env = new LinkedHashMap<>(run.env());
            env.put("PORT", Integer.toString(spec.cluster().port()));
            spec = spec.withEnv(env);
        }
        return new Parsed(spec, r.warnings());
    }

    /**
     * The name an app gets without a {@code name} key: the script's file name without its extension, the first
     * word only when the script is a command line ({@code "python3 -m http.server"} is {@code python3}).
     */
    static String defaultName(String script) {
        String first = script.strip();
        int blank = indexOfWhitespace(first);
        if (blank > 0) first = first.substring(0, blank);
        String base = first.substring(first.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /**
     * PM2's name for an app of a file whose script is a command line: the whole line's last path segment without
     * its extension, as for a file ({@code "npm run start"} stays whole, {@code "node dist/app.js"} is {@code app}).
     */
    static String pm2Name(String script) {
        String base = script.substring(script.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** The app's name as its messages and {@code --only} know it: {@code name}, else the default name. */
    static String label(JsonNode app) {
        JsonNode name = app.get("name");
        if (name != null && name.isTextual()) return name.asText();
        JsonNode script = app.hasNonNull(Settings.SCRIPT.key().key())
                ? app.get(Settings.SCRIPT.key().key())
                : app.get("cmd");
        if (script != null && script.isTextual() && !script.asText().isBlank()) return defaultName(script.asText());
        return "?";
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) return i;
        }
        return -1;
    }

    /** Warns about every key jpm does not act on, and about an alias given next to its key. */
    private void checkKeys(JsonNode app, AppReader r) {
        for (Map.Entry<String, JsonNode> field : app.properties()) {
            String key = field.getKey();
            JsonNode v = field.getValue();
            if (key.startsWith("env_")) {
                boolean active = profile != null && key.equals("env_" + profile); // EnvComposer reports that one
                if (!active && !v.isObject() && !v.isNull()) {
                    r.warn("key \"" + key + "\" is not an object of variables and was ignored");
                }
                continue;
            }
            AppKey known = Settings.keyNamed(key).orElse(null);
            if (known == null) {
                r.warn("key \"" + key + "\" is not a PM2 or jpm key and was ignored");
            } else if (known.use() == AppKey.Use.UNSUPPORTED) {
                if (!v.isNull() && !harmless(known.harmless(), v)) {
                    r.warn("key \"" + key + "\" is not supported yet and was ignored");
                }
            } else if (!key.equals(known.key()) && app.hasNonNull(known.key()) && !v.isNull()) {
                r.warn(key + " was ignored: " + known.key() + " is set");
            }
        }
    }

    private static boolean harmless(Object value, JsonNode v) {
        return value instanceof Boolean b && v.isBoolean() && v.asBoolean() == b
                || value instanceof String s && v.isTextual() && v.asText().equals(s);
    }

    /** The {@code name} setting's reader: {@code name}, else the default name; with {@code append_env_to_name}, -env. */
    static String name(Reading in) {
        AppReader r = in.r;
        String name = r.string(Settings.NAME.key());
        boolean appendEnv =
                in.getOrDefault(Settings.APPEND_ENV_TO_NAME) && in.parser.profile != null; // PM2: name-<env>
        if (name == null) {
            String script = in.get(Settings.SCRIPT);
            String label =
                    in.parser.fileRules && script != null && script.indexOf(' ') >= 0 ? pm2Name(script) : label(in.app);
            name = label.equals("?") ? "app" : label;
            return appendEnv ? name + "-" + in.parser.profile : name;
        }
        if (name.isBlank()) {
            r.error(Settings.NAME.key(), r.get(Settings.NAME.key()), "is empty");
        } else if (name.contains("/") || name.chars().anyMatch(Character::isISOControl)) {
            r.error(Settings.NAME.key(), r.get(Settings.NAME.key()), "must not contain \"/\" or control characters");
        } else if (name.equals("all")) {
            r.error(
                    Settings.NAME.key(),
                    r.get(Settings.NAME.key()),
                    "is reserved: \"all\" means every app in commands");
        }
        return appendEnv ? name + "-" + in.parser.profile : name;
    }
}
