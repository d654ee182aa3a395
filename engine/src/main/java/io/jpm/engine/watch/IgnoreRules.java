package io.jpm.engine.watch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides which paths under a watched tree are ignored, reading {@code ignore_watch} as PM2 does (chokidar's
 * anymatch with the app's cwd): each pattern is a glob matched against the path relative to the cwd (and, when it
 * has no {@code /}, against the file's name), or a regex when written {@code /…/} or with regex characters such as
 * {@code \ ^ $ | ( ) +}. Without {@code ignore_watch}, PM2's own default applies: dot files and {@code node_modules}.
 * jpm always ignores {@code node_modules} and {@code .git} unless a watched path names them. An ignored directory
 * is not descended into.
 */
public final class IgnoreRules {
    private static final Set<String> ALWAYS = Set.of("node_modules", ".git");
    private static final Pattern PM2_DEFAULT = Pattern.compile("[/\\\\]\\.|node_modules");

    private final Path cwd;
    private final List<Predicate<String>> rules;
    private final Set<String> always;

    private IgnoreRules(Path cwd, List<Predicate<String>> rules, Set<String> always) {
        this.cwd = cwd;
        this.rules = rules;
        this.always = always;
    }

    /** Rules for an app running in {@code cwd} that watches {@code watched}; throws on a pattern that is neither form. */
    public static IgnoreRules of(Path cwd, List<String> patterns, List<Path> watched) {
        List<Predicate<String>> rules = new ArrayList<>();
        if (patterns.isEmpty()) {
            rules.add(rel -> PM2_DEFAULT.matcher("/" + rel).find());
        }
        for (String p : patterns) rules.add(rule(p));
        Set<String> always = new java.util.HashSet<>(ALWAYS);
        for (Path w : watched) {
            for (Path part : cwd.relativize(w.normalize())) always.remove(part.toString());
            if (w.getFileName() != null) always.remove(w.getFileName().toString());
        }
        return new IgnoreRules(cwd, List.copyOf(rules), Set.copyOf(always));
    }

    static Predicate<String> rule(String p) {
        String s = p.trim();
        if (s.length() > 2 && s.startsWith("/") && s.endsWith("/") && !s.equals("//")) {
            Pattern re = Pattern.compile(s.substring(1, s.length() - 1));
            return rel -> re.matcher(rel).find() || re.matcher("/" + rel).find();
        }
        if (s.matches(".*[\\\\^$|()+].*")) {
            try {
                Pattern re = Pattern.compile(s);
                return rel -> re.matcher(rel).find() || re.matcher("/" + rel).find();
            } catch (PatternSyntaxException e) {
                // not a regex after all: a glob
            }
        }
        String glob = s.startsWith("./") ? s.substring(2) : s;
        if (glob.endsWith("/")) glob = glob.substring(0, glob.length() - 1);
        PathMatcher full = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        PathMatcher deep = FileSystems.getDefault().getPathMatcher("glob:" + glob + "/**");
        boolean nameToo = !glob.contains("/");
        return rel -> {
            Path r = Path.of(rel);
            if (full.matches(r) || deep.matches(r)) return true;
            return nameToo && r.getFileName() != null && full.matches(r.getFileName());
        };
    }

    /** True when {@code path} (absolute) is ignored. */
    public boolean ignored(Path path) {
        Path rel = path.startsWith(cwd) ? cwd.relativize(path) : path;
        for (Path part : rel) {
            if (always.contains(part.toString())) return true;
        }
        String s = rel.toString();
        if (s.isEmpty()) return false;
        for (Predicate<String> r : rules) {
            if (r.test(s)) return true;
        }
        return false;
    }
}
