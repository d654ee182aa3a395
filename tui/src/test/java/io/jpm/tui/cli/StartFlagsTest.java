package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpm.engine.config.AppKey;
import io.jpm.engine.config.Settings;
import io.jpm.ipc.JpmHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The options of {@code jpm start} that set app keys are the flags the engine's declarations ({@link Settings}) give
 * their keys, and each writes the key that declares it.
 */
class StartFlagsTest {

    /**
     * Options of start that set no app key: they choose what is started (-x: fork mode, the default anyway), or turn
     * off what jpm does not have (--no-automation and its kin: PM2.io).
     */
    private static final List<String> NOT_KEYS =
            List.of("--only", "--force", "--execute-command", "--no-automation", "--help", "-h");

    @TempDir
    Path tmp;

    @Test
    void everyDeclaredFlagIsAStartOptionAndEveryKeyOptionIsDeclared() {
        CommandLine start = new CommandLine(new StartCommand());
        TreeSet<String> options = new TreeSet<>();
        start.getCommandSpec().options().forEach(o -> options.add(o.longestName()));
        options.removeAll(NOT_KEYS);
        List<String> flags = new ArrayList<>();
        for (AppKey k : Settings.keys()) k.flag().ifPresent(flags::add);
        assertEquals(options, new TreeSet<>(flags));
    }

    @Test
    void eachFlagWritesTheKeyThatDeclaresIt() {
        for (AppKey k : Settings.keys()) {
            if (k.flag().isEmpty()) continue;
            String flag = k.flag().orElseThrow();
            StartCommand start = new StartCommand();
            CommandLine line = new CommandLine(start);
            boolean takesValue = line.getCommandSpec().findOption(flag).arity().max() > 0;
            List<String> args = new ArrayList<>(List.of("app.js", flag));
            if (takesValue) args.add(flag.equals("--env") ? "A=1" : "1");
            if (flag.equals("--listen-path")) args.addAll(List.of("--listen-mode", "socket"));
            line.parseArgs(args.toArray(String[]::new));
            try (Jpm jpm = new Jpm(JpmHome.at(tmp.resolve("home")), Map.of(), tmp)) {
                start.jpm = jpm;
                ObjectNode app = start.flags.appNode(jpm.cwd(), "app.js", List.of());
                assertTrue(app.has(k.key()), flag + " writes " + app + ", not " + k.key());
                app.fieldNames()
                        .forEachRemaining(name -> assertEquals(
                                AppKey.Use.READ,
                                Settings.keyNamed(name).map(AppKey::use).orElse(null),
                                flag + " writes " + name + ", which no setting declares"));
            }
        }
    }
}
