package io.jpm.ipc.internal;

import io.jpm.ipc.AuthorizedKeys;
import io.jpm.ipc.CurveKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who may talk to the daemon: the local clients' keys ({@code keys/*.pub}), known as {@value #LOCAL}, and the keys of
 * other hosts listed in {@code keys/authorized}, known as {@code key:NAME}. The file is read again whenever it
 * changes, so an added key is admitted and a revoked one refused without a restart.
 *
 * <p>Thread-safe: the ZAP thread and the control thread both ask; the snapshot is replaced as a whole.
 */
public final class Admission {
    /** The user id of the local clients. */
    public static final String LOCAL = "local";

    private static final String KEY_PREFIX = "key:";

    private record Snapshot(FileTime modified, long size, AuthorizedKeys keys) {}

    private final Path keysDir;
    private final Path authorizedFile;
    /** The authorized keys as last read; replaced when the file changes. */
    private volatile Snapshot snapshot;
    /**
     * Set by whichever thread reads the file again and finds a key gone that the previous read had; cleared by
     * {@link #revokedSinceLastCheck}. A flag, not a comparison with the keys at the last check: a key added, used
     * and revoked between two checks is still a revocation.
     */
    private final AtomicBoolean revoked = new AtomicBoolean();

    public Admission(Path keysDir) {
        this.keysDir = keysDir;
        this.authorizedFile = keysDir.resolve("authorized");
        this.snapshot = load();
    }

    /** The user id of a client with this public key, or empty if it is not admitted. */
    public Optional<String> userIdOf(String publicKey) {
        if (localKeys().contains(publicKey)) return Optional.of(LOCAL);
        return current().nameOf(publicKey).map(name -> KEY_PREFIX + name);
    }

    /** Whether a connection admitted as {@code userId} is still admitted now (its key was not revoked since). */
    public boolean stillAdmitted(String userId) {
        if (LOCAL.equals(userId)) return true;
        return userId != null && userId.startsWith(KEY_PREFIX) && current().contains(keyName(userId));
    }

    /** The key name of a remote user id ({@code key:NAME}), or the id itself. */
    public static String keyName(String userId) {
        return userId.startsWith(KEY_PREFIX) ? userId.substring(KEY_PREFIX.length()) : userId;
    }

    /** The authorized keys now, read again if the file changed. */
    private AuthorizedKeys current() {
        Snapshot s = snapshot;
        if (!unchanged(s)) {
            Snapshot before = s;
            snapshot = s = load();
            AuthorizedKeys after = s.keys();
            if (before.keys().entries().stream().anyMatch(e -> !after.entries().contains(e))) revoked.set(true);
        }
        return s.keys();
    }

    /** Reads the file again if it changed; true when a key that was admitted before no longer is. */
    public boolean revokedSinceLastCheck() {
        current();
        return revoked.getAndSet(false);
    }

    private boolean unchanged(Snapshot s) {
        try {
            return Files.getLastModifiedTime(authorizedFile).equals(s.modified())
                    && Files.size(authorizedFile) == s.size();
        } catch (IOException e) {
            return s.size() < 0;
        }
    }

    private Snapshot load() {
        try {
            FileTime modified = Files.getLastModifiedTime(authorizedFile);
            long size = Files.size(authorizedFile);
            return new Snapshot(modified, size, AuthorizedKeys.read(authorizedFile));
        } catch (IOException e) {
            return new Snapshot(FileTime.fromMillis(0), -1, AuthorizedKeys.read(authorizedFile));
        }
    }

    private Set<String> localKeys() {
        return CurveKeys.authorizedClients(keysDir);
    }
}
