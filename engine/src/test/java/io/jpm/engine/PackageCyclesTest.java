package io.jpm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpm.engine.config.AppSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend on each other in one direction only: read from the constant pools of the compiled
 * classes, so that an import, a fully qualified name and a type in a signature all count.
 */
class PackageCyclesTest {

    private static final Pattern ENGINE_PACKAGE = Pattern.compile("io/jpm/engine/([a-z]+)/");

    @Test
    void noCycleBetweenEnginePackages() throws IOException, URISyntaxException {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(uses.keySet().containsAll(Set.of("supervise", "cluster", "logs", "persist", "config")), "" + uses);
        assertTrue(uses.get("supervise").contains("cluster"), "the reader sees the known supervise -> cluster edge");
        assertEquals(List.of(), cycle(uses), "a cycle between engine packages; the graph is " + uses);
    }

    @Test
    void aCycleIsFound() {
        Map<String, Set<String>> uses = new TreeMap<>();
        uses.put("a", Set.of("b"));
        uses.put("b", Set.of("c"));
        uses.put("c", Set.of("a"));
        assertEquals(List.of("a", "b", "c", "a"), cycle(uses));
        uses.put("c", Set.of());
        assertEquals(List.of(), cycle(uses));
    }

    /** Which engine packages each engine package's classes refer to, itself left out. */
    static Map<String, Set<String>> dependencies() throws IOException, URISyntaxException {
        Path classes = Path.of(AppSpec.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path root = classes.resolve("io/jpm/engine");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) continue; // a class directly in io.jpm.engine
                String own = rel.getName(0).toString();
                Set<String> to = uses.computeIfAbsent(own, k -> new TreeSet<>());
                for (String s : utf8Constants(f)) {
                    Matcher m = ENGINE_PACKAGE.matcher(s);
                    while (m.find()) {
                        if (!m.group(1).equals(own)) to.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** The text constants of a class file: every class name, descriptor and signature it mentions is among them. */
    static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile);
                DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file: " + classFile);
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // a long or double takes two slots
                    }
                    default -> throw new IOException("constant tag " + tag + " in " + classFile);
                }
            }
        }
        return out;
    }

    /** A cycle as a path that ends where it starts, or an empty list. */
    static List<String> cycle(Map<String, Set<String>> uses) {
        Set<String> done = new TreeSet<>();
        for (String start : uses.keySet()) {
            List<String> found = walk(start, uses, new ArrayList<>(), done);
            if (!found.isEmpty()) return found;
        }
        return List.of();
    }

    private static List<String> walk(String at, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
        int seen = path.indexOf(at);
        if (seen >= 0) {
            List<String> loop = new ArrayList<>(path.subList(seen, path.size()));
            loop.add(at);
            return loop;
        }
        if (done.contains(at)) return List.of();
        path.add(at);
        for (String next : uses.getOrDefault(at, Set.of())) {
            List<String> found = walk(next, uses, path, done);
            if (!found.isEmpty()) return found;
        }
        path.remove(path.size() - 1);
        done.add(at);
        return List.of();
    }
}
