package io.jpm.tui.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpm.ipc.AppKey;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code jpm start} that set app keys are the flags the {@link AppKey} catalogue declares. */
class StartFlagsTest {

    /** Options of start that set no app key: they choose what is started (-x: fork mode, the default anyway). */
    private static final List<String> NOT_KEYS = List.of("--only", "--force", "--execute-command", "--help", "-h");

    @Test
    void everyCatalogueFlagIsAStartOptionAndEveryKeyOptionIsInTheCatalogue() {
        CommandLine start = new CommandLine(new AppCommands.Start());
        TreeSet<String> options = new TreeSet<>();
        start.getCommandSpec().options().forEach(o -> options.add(o.longestName()));
        options.removeAll(NOT_KEYS);
        List<String> flags = new ArrayList<>();
        for (AppKey k : AppKey.values()) k.flag().ifPresent(flags::add);
        assertEquals(options, new TreeSet<>(flags));
    }
}
