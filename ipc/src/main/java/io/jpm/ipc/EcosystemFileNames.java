package io.jpm.ipc;

import java.util.List;
import java.util.Locale;

/** Which file names {@code jpm start} reads as ecosystem files rather than scripts: PM2's list of config extensions. */
public final class EcosystemFileNames {

    private static final List<String> ENDINGS =
            List.of(".json", ".yaml", ".yml", ".config.js", ".config.cjs", ".config.mjs");

    private EcosystemFileNames() {}

    public static boolean isEcosystemFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ENDINGS.stream().anyMatch(n::endsWith);
    }
}
