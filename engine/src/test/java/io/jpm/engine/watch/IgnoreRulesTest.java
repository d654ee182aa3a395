package io.jpm.engine.watch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ignore_watch} as PM2 reads it, plus jpm's own node_modules and .git. */
class IgnoreRulesTest {
    final Path cwd = Path.of("/srv/app");

    IgnoreRules rules(String... patterns) {
        return IgnoreRules.of(cwd, List.of(patterns), List.of(cwd));
    }

    @Test
    void withoutIgnoreWatchPm2sDefaultIgnoresDotFilesAndNodeModules() {
        IgnoreRules r = rules();
        assertTrue(r.ignored(cwd.resolve(".env")));
        assertTrue(r.ignored(cwd.resolve("src/.cache/x")));
        assertTrue(r.ignored(cwd.resolve("node_modules/a/index.js")));
        assertFalse(r.ignored(cwd.resolve("src/index.js")));
    }

    @Test
    void nodeModulesAndGitAreAlwaysIgnoredUnlessWatched() {
        IgnoreRules r = rules("*.log");
        assertTrue(r.ignored(cwd.resolve("node_modules/a/index.js")));
        assertTrue(r.ignored(cwd.resolve(".git/HEAD")));
        assertFalse(r.ignored(cwd.resolve(".env")), "an ignore_watch replaces PM2's dot-file default");
        IgnoreRules named = IgnoreRules.of(cwd, List.of("*.log"), List.of(cwd.resolve("node_modules/lib")));
        assertFalse(named.ignored(cwd.resolve("node_modules/lib/index.js")), "named in watch");
    }

    @Test
    void globsMatchTheRelativePathOrTheNameAndCoverADirectorysTree() {
        IgnoreRules r = rules("*.log", "tmp", "build/**", "./cache/");
        assertTrue(r.ignored(cwd.resolve("out.log")));
        assertTrue(r.ignored(cwd.resolve("logs/deep/out.log")), "a pattern without / matches the name too");
        assertTrue(r.ignored(cwd.resolve("tmp")));
        assertTrue(r.ignored(cwd.resolve("tmp/a/b.js")));
        assertTrue(r.ignored(cwd.resolve("build/x.js")));
        assertTrue(r.ignored(cwd.resolve("cache/y")));
        assertFalse(r.ignored(cwd.resolve("src/tmp.js")));
        assertFalse(r.ignored(cwd.resolve("src/app.js")));
    }

    @Test
    void regexesAsPm2sDocsWriteThem() {
        IgnoreRules r = rules("[\\/\\\\]\\.", "/\\.tmp$/", "^uploads");
        assertTrue(r.ignored(cwd.resolve(".hidden/x")), "PM2's dot-file regex");
        assertTrue(r.ignored(cwd.resolve("a/b.tmp")));
        assertTrue(r.ignored(cwd.resolve("uploads/a.png")));
        assertFalse(r.ignored(cwd.resolve("src/uploads.js")));
    }
}
