package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        int posix_spawn(Pointer pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer env);

        int posix_spawn_file_actions_init(Pointer fa);

        int posix_spawn_file_actions_destroy(Pointer fa);

        int posix_spawn_file_actions_addopen(Pointer fa, int fd, Pointer path, int flags, int mode);

        int posix_spawn_file_actions_adddup2(Pointer fa, int fd, int target);

        int posix_spawn_file_actions_addchdir_np(Pointer fa, Pointer path);

        int posix_spawn_file_actions_addclosefrom_np(Pointer fa, int from);

        int posix_spawnattr_init(Pointer attr);

        int posix_spawnattr_destroy(Pointer attr);

        int posix_spawnattr_setflags(Pointer attr, short flags);

        int posix_spawnattr_setsigmask(Pointer attr, Pointer set);

        int posix_spawnattr_setsigdefault(Pointer attr, Pointer set);

        int sigemptyset(Pointer set);

        int sigfillset(Pointer set);
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
        List<String> envp = new ArrayList<>(env.size());
        env.forEach((k, v) -> envp.add(k + "=" + v));
        try (Block b = new Block(program, argv, envp, actions)) {
            check(C.posix_spawnattr_init(b.attr), "posix_spawnattr_init");
            try {
                check(C.posix_spawn_file_actions_init(b.fileActions), "posix_spawn_file_actions_init");
                try {
                    C.sigemptyset(b.emptySet);
                    C.sigfillset(b.fullSet);
                    check(
                            C.posix_spawnattr_setflags(b.attr, (short) (SETSID | SETSIGMASK | SETSIGDEF)),
                            "posix_spawnattr_setflags (POSIX_SPAWN_SETSID needs glibc 2.26)");
                    check(C.posix_spawnattr_setsigmask(b.attr, b.emptySet), "posix_spawnattr_setsigmask");
                    check(C.posix_spawnattr_setsigdefault(b.attr, b.fullSet), "posix_spawnattr_setsigdefault");
                    for (int i = 0; i < actions.size(); i++) add(b.fileActions, actions.get(i), b.actionPaths[i]);
                    int err = C.posix_spawn(b.pid, b.program, b.fileActions, b.attr, b.argv, b.envp);
                    if (err != 0) throw new Failed(program + ": " + describe(err), err);
                    return b.pid.getInt(0);
                } finally {
                    C.posix_spawn_file_actions_destroy(b.fileActions);
                }
            } finally {
                C.posix_spawnattr_destroy(b.attr);
            }
        }
    }

    /**
     * Everything one spawn hands to C (the attributes, the file actions, two signal sets, the pid, the program's
     * path, the file actions' paths and the NULL-terminated argv and envp) in one native allocation, freed when
     * closed. JNA's {@code StringArray}, {@code IntByReference} and {@code String} arguments made ~60 small blocks per
     * spawn, each freed only by the collection that finds its owner dead; the daemon's old generation is rarely
     * collected, so after 1000 spawns the heap held 62 000 of their cleaner entries and the RSS grew ~11 MB per 200
     * spawns (docs/perf.md).
     */
    private static final class Block implements AutoCloseable {
        private final Memory memory;
        final Pointer attr;
        final Pointer fileActions;
        final Pointer emptySet;
        final Pointer fullSet;
        final Pointer pid;
        final Pointer program;
        final Pointer argv;
        final Pointer envp;
        /** The native path of each action, or null for an action without one. */
        final Pointer[] actionPaths;

        private long next;

        Block(String program, List<String> argv, List<String> envp, List<Action> actions) {
            byte[] prog = cString(program);
            byte[][] args = argv.stream().map(PosixSpawn::cString).toArray(byte[][]::new);
            byte[][] envs = envp.stream().map(PosixSpawn::cString).toArray(byte[][]::new);
            byte[][] paths = actions.stream().map(Block::pathOf).toArray(byte[][]::new);
            long size = 4L * OPAQUE_SIZE + 8 + (long) Native.POINTER_SIZE * (args.length + envs.length + 2);
            size += prog.length;
            for (byte[][] group : new byte[][][] {args, envs, paths}) {
                for (byte[] s : group) size += s == null ? 0 : s.length;
            }
            memory = new Memory(size);
            attr = take(OPAQUE_SIZE);
            fileActions = take(OPAQUE_SIZE);
            emptySet = take(OPAQUE_SIZE);
            fullSet = take(OPAQUE_SIZE);
            pid = take(8);
            this.argv = pointers(args.length);
            this.envp = pointers(envs.length);
            this.program = put(prog);
            for (int i = 0; i < args.length; i++) this.argv.setPointer((long) i * Native.POINTER_SIZE, put(args[i]));
            for (int i = 0; i < envs.length; i++) this.envp.setPointer((long) i * Native.POINTER_SIZE, put(envs[i]));
            actionPaths = new Pointer[paths.length];
            for (int i = 0; i < paths.length; i++) actionPaths[i] = paths[i] == null ? null : put(paths[i]);
        }

        private static byte[] pathOf(Action a) {
            return switch (a) {
                case Open o -> cString(o.path().toString());
                case Chdir c -> cString(c.dir().toString());
                case Dup d -> null;
                case CloseFrom c -> null;
            };
        }

        private Pointer take(long bytes) {
            Pointer p = memory.share(next, bytes);
            next += bytes;
            return p;
        }

        /** A pointer array of {@code n} entries and the NULL after them (filled in by the caller). */
        private Pointer pointers(int n) {
            Pointer p = take((long) Native.POINTER_SIZE * (n + 1));
            p.setPointer((long) Native.POINTER_SIZE * n, null);
            return p;
        }

        private Pointer put(byte[] s) {
            Pointer p = take(s.length);
            p.write(0, s, 0, s.length);
            return p;
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    /** {@code s} as the NUL-terminated bytes C reads (UTF-8, as JNA's default encoding on Linux). */
    private static byte[] cString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, c, 0, utf8.length);
        return c;
    }

    private static void add(Pointer fa, Action a, Pointer path) throws IOException {
        switch (a) {
            case Open o ->
                check(C.posix_spawn_file_actions_addopen(fa, o.fd(), path, o.flags(), 0), "addopen " + o.path());
            case Dup d -> check(C.posix_spawn_file_actions_adddup2(fa, d.from(), d.to()), "adddup2 " + d.from());
            case Chdir c -> check(C.posix_spawn_file_actions_addchdir_np(fa, path), "addchdir_np " + c.dir());
            case CloseFrom c -> check(C.posix_spawn_file_actions_addclosefrom_np(fa, c.fd()), "addclosefrom_np");
        }
    }

    /** The errno of a failed spawn in words a user can act on. */
    static String describe(int errno) {
        return switch (errno) {
            case ENOENT -> "no such file";
            case EACCES -> "permission denied (not executable?)";
            case ENOEXEC -> "not an executable format (a script needs a #! line)";
            default -> Posix.errorText(errno);
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
