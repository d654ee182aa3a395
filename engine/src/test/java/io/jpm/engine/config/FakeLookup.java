package io.jpm.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Pretends that the given commands are installed in /fake/bin, and records what was looked up. */
final class FakeLookup implements ExecutableLookup {

    final Set<String> installed;
    final List<String> asked = new ArrayList<>();

    FakeLookup(String... installed) {
        this.installed = Set.of(installed);
    }

    static FakeLookup usual() {
        return new FakeLookup("node", "python3", "bash", "java", "sleep", "npm");
    }

    @Override
    public Optional<Path> find(String name, Map<String, String> env) {
        asked.add(name);
        return installed.contains(name) ? Optional.of(Path.of("/fake/bin", name)) : Optional.empty();
    }
}
