package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The entry point that {@code bin/jpm} names has {@code main} as its only public method: the java launcher resolves
 * the types of every public method's signature when it looks {@code main} up, and a type outside the AOT cache
 * makes each command open and index the jars of the class path.
 */
class MainTest {
    @Test
    void theLauncherStartsAClassWhoseOnlyPublicMethodIsMain() throws Exception {
        List<String> publicMethods = Arrays.stream(Main.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::toString)
                .toList();
        assertEquals(List.of("public static void io.jpm.tui.cli.Main.main(java.lang.String[])"), publicMethods);

        Path root = Path.of(System.getProperty("jpm.root", "")).toAbsolutePath();
        if (!Files.exists(root.resolve("bin/jpm"))) root = root.getParent();
        String launcher = Files.readString(root.resolve("bin/jpm"));
        assertTrue(launcher.contains(" io.jpm.tui.cli.Main \"$@\""), "bin/jpm starts io.jpm.tui.cli.Main");
        assertTrue(!launcher.contains("io.jpm.tui.cli.Jpm \"$@\""), "bin/jpm starts io.jpm.tui.cli.Jpm somewhere");
    }
}
