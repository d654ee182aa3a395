package io.jpm.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's one inotify watcher, on a real temporary tree. */
class TreeWatcherTest {
    @TempDir
    Path tree;

    final List<String> warnings = new CopyOnWriteArrayList<>();
    TreeWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) watcher.close();
        assertEquals(List.of(), warnings);
    }

    TreeWatcher.Watch watch(AtomicInteger fired, String... ignore) throws Exception {
        watcher = new TreeWatcher(warnings::add);
        TreeWatcher.Watch w = watcher.watch(
                List.of(tree), IgnoreRules.of(tree, List.of(ignore), List.of(tree)), true, fired::incrementAndGet);
        return w;
    }

    @Test
    void aDirectoryMadeLaterIsWatchedToo() throws Exception {
        Files.createDirectories(tree.resolve("src/a"));
        AtomicInteger fired = new AtomicInteger();
        TreeWatcher.Watch w = watch(fired, "*.log");
        Await.until("the tree is registered", () -> watcher.directories() == 3);

        Files.createDirectories(tree.resolve("src/new"));
        Await.until("the new directory is seen", () -> fired.get() == 1 && watcher.directories() == 4);
        w.rearm();
        Files.writeString(tree.resolve("src/new/file.js"), "x");
        Await.until("a file in the new directory", () -> fired.get() == 2);
    }

    @Test
    void oneBurstFiresOnceUntilRearmedAndIgnoredPathsNever() throws Exception {
        Files.createDirectories(tree.resolve("node_modules/pkg"));
        AtomicInteger fired = new AtomicInteger();
        TreeWatcher.Watch w = watch(fired, "*.log");
        Await.until("the tree is registered", () -> watcher.directories() == 1);
        assertEquals(1, watcher.directories(), "node_modules is not descended into");

        Files.writeString(tree.resolve("node_modules/pkg/index.js"), "x");
        Files.writeString(tree.resolve("out.log"), "x");
        Thread.sleep(300);
        assertEquals(0, fired.get(), "ignored changes");

        for (int i = 0; i < 200; i++) Files.writeString(tree.resolve("f" + i + ".js"), "x");
        Await.until("the burst is seen", () -> fired.get() == 1);
        Thread.sleep(200);
        assertEquals(1, fired.get(), "one call until rearmed");
        w.rearm();
        Files.writeString(tree.resolve("f1.js"), "y");
        Await.until("the next change", () -> fired.get() == 2);

        w.close();
        Await.until("the watch is dropped", () -> watcher.directories() == 0);
        w.rearm();
        Files.writeString(tree.resolve("f2.js"), "y");
        Thread.sleep(300);
        assertTrue(fired.get() == 2, "a closed watch is silent");
    }
}
