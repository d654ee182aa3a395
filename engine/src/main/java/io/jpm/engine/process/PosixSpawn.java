package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call of glibc's {@code posix_spawn}: a program started in a new session, with a clean signal mask and default
 * signal dispositions, and its descriptors laid out by a list of file actions run in the child before the exec.
 *
 * <p>The child's signal state matters because the JVM blocks and ignores signals for itself, and a plain fork/exec
 * would pass some of that on (glibc's own two real-time signals, 32 and 33, are outside every signal set a caller can
 * build, and keep theirs; the program's libc takes them over). {@code POSIX_SPAWN_SETSID} needs glibc 2.26, {@code addchdir_np} 2.29 and
 * {@code addclosefrom_np} 2.34; where the last two are missing, {@link Spawner} falls back (see there).
 */
final class PosixSpawn {
    private interface Lib extends Library {
        int posix_spawn(
                IntByReference pid, String path, Pointer fileActions, Pointer attr, StringArray argv, StringArray env);

        int posix_spawn_file_actions_init(Pointer fa);

        int posix_spawn_file_actions_destroy(Pointer fa);

        int posix_spawn_file_actions_addopen(Pointer fa, int fd, String path, int flags, int mode);

        int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int target);

        int posix_spawn_file_actions_addchdir_np(Pointer fa, String path);

        int posix_spawn_file_actions_addclosefrom_np(Pointer fa, int from);

        int posix_spawnattr_init(Pointer attr);

        int posix_spawnattr_destroy(Pointer attr);

        int posix_spawnattr_setflags(Pointer attr, short flags);

        int posix_spawnattr_setsigmask(Pointer attr, Pointer set);

        int posix_spawnattr_setsigdefault(Pointer attr, Pointer set);

        int sigemptyset(Pointer set);

        int sigfillset(Pointer set);

        String strerror(int errno);
    }

    private static final Lib C = Native.load("c", Lib.class);

    private static final short SETSIGDEF = 0x04;
    private static final short SETSIGMASK = 0x08;
    private static final short SETSID = 0x80;
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 01;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int ENOEXEC = 8;
    /** glibc's posix_spawnattr_t is 336 bytes and its file actions 80 (x86-64, aarch64); room to spare. */
    private static final int OPAQUE_SIZE = 1024;

    private static final boolean CHDIR = has("posix_spawn_file_actions_addchdir_np");
    private static final boolean CLOSEFROM = has("posix_spawn_file_actions_addclosefrom_np");

    /** One thing done to the child's descriptors or folder before the exec, in order. */
    sealed interface Action {}

    record Open(int fd, Path path, int flags) implements Action {}

    record Dup(int from, int to) implements Action {}

    record Chdir(Path dir) implements Action {}

    record CloseFrom(int fd) implements Action {}

    /** A spawn that failed, with the errno that says why. */
    static final class Failed extends IOException {
        final int errno;

        Failed(String message, int errno) {
            super(message);
            this.errno = errno;
        }
    }

    private PosixSpawn() {}

    /** Whether the child can change folder by itself (glibc 2.29 and later). */
    static boolean canChdir() {
        return CHDIR;
    }

    /** Whether the child can close every descriptor above a number (glibc 2.34 and later). */
    static boolean canCloseFrom() {
        return CLOSEFROM;
    }

    /**
     * Starts {@code program} (an absolute path) with {@code argv} and exactly {@code env}; returns its pid. A
     * failure, the program's exec included, is an {@link IOException} and leaves no child behind: glibc reports the
     * exec's errno to the caller and reaps the child itself.
     */
    static long spawn(String program, List<String> argv, Map<String, String> env, List<Action> actions)
            throws IOException {
        Objects.requireNonNull(program, "program");
        try (Memory attr = new Memory(OPAQUE_SIZE);
                Memory fa = new Memory(OPAQUE_SIZE);
                Memory empty = new Memory(OPAQUE_SIZE);
                Memory full = new Memory(OPAQUE_SIZE)) {
            check(C.posix_spawnattr_init(attr), "posix_spawnattr_init");
            try {
                check(C.posix_spawn_file_actions_init(fa), "posix_spawn_file_actions_init");
                try {
                    C.sigemptyset(empty);
                    C.sigfillset(full);
                    check(
                            C.posix_spawnattr_setflags(attr, (short) (SETSID | SETSIGMASK | SETSIGDEF)),
                            "posix_spawnattr_setflags (POSIX_SPAWN_SETSID needs glibc 2.26)");
                    check(C.posix_spawnattr_setsigmask(attr, empty), "posix_spawnattr_setsigmask");
                    check(C.posix_spawnattr_setsigdefault(attr, full), "posix_spawnattr_setsigdefault");
                    for (Action a : actions) add(fa, a);
                    IntByReference pid = new IntByReference();
                    List<String> envp = new ArrayList<>(env.size());
                    env.forEach((k, v) -> envp.add(k + "=" + v));
                    int err = C.posix_spawn(
                            pid,
                            program,
                            fa,
                            attr,
                            new StringArray(argv.toArray(String[]::new)),
                            new StringArray(envp.toArray(String[]::new)));
                    if (err != 0) throw new Failed(program + ": " + describe(err), err);
                    return pid.getValue();
                } finally {
                    C.posix_spawn_file_actions_destroy(fa);
                }
            } finally {
                C.posix_spawnattr_destroy(attr);
            }
        }
    }

    private static void add(Pointer fa, Action a) throws IOException {
        switch (a) {
            case Open o ->
                check(
                        C.posix_spawn_file_actions_addopen(fa, o.fd(), o.path().toString(), o.flags(), 0),
                        "addopen " + o.path());
            case Dup d -> check(C.posix_spawn_file_actions_adddup2(fa, d.from(), d.to()), "adddup2 " + d.from());
            case Chdir c ->
                check(C.posix_spawn_file_actions_addchdir_np(fa, c.dir().toString()), "addchdir_np " + c.dir());
            case CloseFrom c -> check(C.posix_spawn_file_actions_addclosefrom_np(fa, c.fd()), "addclosefrom_np");
        }
    }

    /** The errno of a failed spawn in words a user can act on. */
    static String describe(int errno) {
        return switch (errno) {
            case ENOENT -> "no such file";
            case EACCES -> "permission denied (not executable?)";
            case ENOEXEC -> "not an executable format (a script needs a #! line)";
            default -> C.strerror(errno) + " (errno " + errno + ")";
        };
    }

    private static void check(int result, String what) throws IOException {
        if (result != 0) throw new IOException(what + " failed: " + describe(result));
    }

    private static boolean has(String symbol) {
        try {
            com.sun.jna.NativeLibrary.getInstance("c").getFunction(symbol);
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
