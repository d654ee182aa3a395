package io.jpm.engine.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The name of one ecosystem key: PM2's spelling, the aliases PM2 also reads, the {@code jpm start} flag that sets it,
 * and whether jpm acts on it. Made only by a declaration in {@link Settings} (a setting's key, or one of the keys jpm
 * knows but does not act on), so a key cannot be read under a name that is not declared there.
 */
public final class AppKey {

    /** Whether jpm acts on a key. */
    public enum Use {
        READ,
        UNSUPPORTED
    }

    private final String key;
    private final List<String> aliases;
    private final Use use;
    private final String flag;
    private final Object harmless;

    private AppKey(String key, List<String> aliases, Use use, String flag, Object harmless) {
        this.key = Objects.requireNonNull(key, "key");
        this.aliases = List.copyOf(aliases);
        this.use = use;
        this.flag = flag;
        this.harmless = harmless;
    }

    /** A key jpm reads, set by {@code jpm start}'s {@code flag} (or null: none). */
    static AppKey read(String key, String flag, String... aliases) {
        if (flag != null && !flag.startsWith("--")) throw new IllegalArgumentException("not a long option: " + flag);
        return new AppKey(key, List.of(aliases), Use.READ, flag, null);
    }

    /**
     * A PM2 key jpm does not act on (yet); {@code harmless} is the value that asks for what jpm does anyway
     * ({@code vizion: false}), which needs no warning, or null when every value is warned about.
     */
    static AppKey unsupported(String key, Object harmless) {
        return new AppKey(key, List.of(), Use.UNSUPPORTED, null, harmless);
    }

    /** PM2's name of the key, as written in ecosystem files and in {@code describe}. */
    public String key() {
        return key;
    }

    /** Other names PM2 reads for the same setting; the key wins when both are given. */
    public List<String> aliases() {
        return aliases;
    }

    public Use use() {
        return use;
    }

    /** The {@code jpm start} option that sets this key, if any. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    /** For an unsupported key, the value that needs no warning; null when every value is warned about. */
    public Object harmless() {
        return harmless;
    }

    @Override
    public String toString() {
        return key;
    }
}
