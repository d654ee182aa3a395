package io.jpm.ipc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.zeromq.ZMQ;

/**
 * The client keys that a daemon admits from other hosts, by name, as {@code JPM_HOME/keys/authorized} holds them
 * (one {@code NAME PUBLIC_KEY} a line, 0600), like SSH's authorized_keys. Immutable: {@link #with} and
 * {@link #without} return new lists, {@link #write} stores one.
 */
public final class AuthorizedKeys {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** One admitted key. */
    public record Entry(String name, String publicKey) {
        public Entry {
            requireName(name);
            requireKey(publicKey);
        }
    }

    private final List<Entry> entries;

    private AuthorizedKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Path file(JpmHome home) {
        return home.keys().resolve("authorized");
    }

    /** The keys of {@code file}, or none when it does not exist; lines that are not {@code NAME KEY} are skipped. */
    public static AuthorizedKeys read(Path file) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length != 2 || parts[0].startsWith("#")) continue;
                try {
                    entries.add(new Entry(parts[0], parts[1]));
                } catch (IllegalArgumentException e) {
                    // a hand-edited line that is not a key: never admit it
                }
            }
        } catch (NoSuchFileException e) {
            return new AuthorizedKeys(List.of());
        } catch (IOException | RuntimeException e) {
            return new AuthorizedKeys(List.of());
        }
        return new AuthorizedKeys(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The name under which {@code publicKey} is admitted, if it is. */
    public Optional<String> nameOf(String publicKey) {
        for (Entry e : entries) if (e.publicKey().equals(publicKey)) return Optional.of(e.name());
        return Optional.empty();
    }

    public boolean contains(String name) {
        return entries.stream().anyMatch(e -> e.name().equals(name));
    }

    /** These keys plus {@code entry}; fails if its name or key is already listed. */
    public AuthorizedKeys with(Entry entry) {
        if (contains(entry.name())) throw new IllegalArgumentException("a key named " + entry.name() + " exists");
        nameOf(entry.publicKey()).ifPresent(n -> {
            throw new IllegalArgumentException("that key is already added as " + n);
        });
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new AuthorizedKeys(more);
    }

    /** These keys without the one named {@code name}; fails if there is none. */
    public AuthorizedKeys without(String name) {
        if (!contains(name)) throw new IllegalArgumentException("no key named " + name);
        return new AuthorizedKeys(
                entries.stream().filter(e -> !e.name().equals(name)).toList());
    }

    /** Stores the list, 0600, atomically. */
    public void write(Path file) throws IOException {
        JpmHome.createPrivateDir(file.getParent());
        StringBuilder text = new StringBuilder("# clients admitted from other hosts: NAME PUBLIC_KEY (jpm keys add)\n");
        for (Entry e : entries)
            text.append(e.name()).append(' ').append(e.publicKey()).append('\n');
        JpmHome.writePrivateAtomically(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Fails unless {@code name} is a short name of letters, digits, dot, dash and underscore. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a name is 1-64 letters, digits, '.', '-' or '_', starting with a letter or digit: " + name);
        }
        return name;
    }

    /** Fails unless {@code key} is a Z85-encoded CURVE public key (40 characters). */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        boolean valid;
        try {
            valid = key.length() == 40 && ZMQ.Curve.z85Decode(key).length == 32;
        } catch (RuntimeException e) {
            valid = false;
        }
        if (!valid) throw new IllegalArgumentException("not a CURVE public key (40 Z85 characters): " + key);
        return key;
    }
}
