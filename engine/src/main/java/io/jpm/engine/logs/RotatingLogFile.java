package io.jpm.engine.logs;

import io.jpm.engine.config.AppSpec;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Appends log records to a file through a 64 KiB buffer, rotating it by size.
 *
 * <p><b>Records.</b> {@link #append} takes one whole record (normally one timestamped line with its newline). A
 * record is never split across files: rotation happens between records, when the next one would take the file past
 * {@code maxBytes}. A single record larger than {@code maxBytes} goes whole into a fresh file.
 *
 * <p><b>Rotation.</b> {@code app-out.log} becomes {@code app-out.log.1}, {@code .1} becomes {@code .2} and so on;
 * files past {@code keep} are deleted. With {@code compress}, rotated files are gzipped to {@code .1.gz}, {@code
 * .2.gz}…: the live file is first renamed to {@code app-out.log.rotating-<n>}, then a task on the {@code compressor}
 * executor shifts the numbered files and gzips it (in order, even on a multi-threaded executor). Gzipping 10 MiB
 * costs roughly 100 ms of CPU; with a null or direct executor it runs in the calling thread, stalling the pipe it
 * drains for that long. A {@code .rotating-<n>} file left by a crash is compressed when the file is next opened.
 * Files that are not regular (such as {@code /dev/null}) are never rotated.
 *
 * <p><b>Threads.</b> All public methods are synchronized, so a drain thread can append while another thread calls
 * {@link #reopen()} (SIGUSR2) or {@link #truncate()}, and two streams may share one file (merged logs). Nothing is
 * written until {@link #flush()} or a full buffer: callers flush after each drain of a pipe.
 *
 * <p>Files are created {@code rw-------} and missing parent folders {@code rwx------}.
 *
 * <p>It is long because buffering, rotation and compression share one lock and one file handle: a rotation must
 * happen between two records of the buffer, and a reopen or a truncate must see the buffer flushed.
 */
public final class RotatingLogFile implements Closeable {

    private static final int BUFFER = 64 * 1024;
    private static final String PENDING = ".rotating-";
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path path;
    private final long maxBytes;
    private final int keep;
    private final boolean compress;
    private final Executor compressor;
    private final DaemonLog log;
    /** Records not written yet; grows on demand up to BUFFER, so a quiet worker's file holds about 1 KiB. */
    private byte[] buffer = new byte[0];

    private int buffered;
    private FileChannel channel;
    private boolean regular;
    private long size; // bytes in the live file, buffered ones included
    private int rotations;
    private long pendingSeq;

    /** Rotated files waiting to be gzipped, oldest first; guarded by itself, drained under {@link #shiftLock}. */
    private final Queue<Path> pending = new ArrayDeque<>();

    /** Held while numbered files are shifted, by the caller or a compressor thread. */
    private final Object shiftLock = new Object();

    /**
     * @param maxBytes rotate before the file would exceed this; 0 = never rotate
     * @param keep how many rotated files to keep, at least 1
     * @param compressor runs gzip tasks when {@code compress}; null = in the calling thread
     */
    public RotatingLogFile(Path path, long maxBytes, int keep, boolean compress, Executor compressor, DaemonLog log)
            throws IOException {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
        if (keep < 1) throw new IllegalArgumentException("keep < 1: " + keep);
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.compress = compress;
        this.compressor = compressor == null ? Runnable::run : compressor;
        this.log = java.util.Objects.requireNonNull(log, "log");
        createParent(this.path);
        open(false);
        if (compress) recoverPending();
    }

    public static RotatingLogFile open(Path path, AppSpec.LogRotation rotation, Executor compressor, DaemonLog log)
            throws IOException {
        return new RotatingLogFile(path, rotation.maxBytes(), rotation.keep(), rotation.compress(), compressor, log);
    }

    public Path path() {
        return path;
    }

    /** The name of rotated file number {@code n} (1 = newest) of {@code path}. */
    public static Path rotatedPath(Path path, int n, boolean compressed) {
        return path.resolveSibling(path.getFileName() + "." + n + (compressed ? ".gz" : ""));
    }

    /** Appends one whole record; it is never split across files. */
    public synchronized void append(byte[] record, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, record.length);
        ensureOpen();
        if (regular && maxBytes > 0 && size > 0 && size + length > maxBytes) rotate();
        if (length > BUFFER - buffered) writeBuffer();
        if (length >= BUFFER) {
            writeFully(ByteBuffer.wrap(record, offset, length));
        } else {
            if (buffered + length > buffer.length) {
                int grown = Math.min(BUFFER, Math.max(buffered + length, Math.max(1024, buffer.length * 2)));
                buffer = java.util.Arrays.copyOf(buffer, grown);
            }
            System.arraycopy(record, offset, buffer, buffered, length);
            buffered += length;
        }
        size += length;
    }

    public synchronized void flush() throws IOException {
        ensureOpen();
        writeBuffer();
    }

    /** Closes and reopens the same path, for an external logrotate that renamed the file away. */
    public synchronized void reopen() throws IOException {
        ensureOpen();
        writeBuffer();
        channel.close();
        createParent(path);
        open(false);
    }

    /** Empties the live file ({@code jpm flush}), dropping unwritten records too. Rotated files stay. */
    public synchronized void truncate() throws IOException {
        ensureOpen();
        buffered = 0;
        channel.close();
        open(regular);
    }

    /** Bytes in the live file, including records not flushed yet. */
    public synchronized long size() {
        return size;
    }

    /** How many times this instance rotated the file. */
    public synchronized int rotations() {
        return rotations;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel == null) return;
        try {
            writeBuffer();
        } finally {
            channel.close();
            channel = null;
        }
    }

    private void ensureOpen() throws IOException {
        if (channel == null) throw new IOException("log file closed: " + path);
    }

    private void open(boolean truncateExisting) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                truncateExisting ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        channel = FileChannel.open(path, options, fileAttributes("rw-------"));
        regular = Files.isRegularFile(path);
        size = regular ? channel.size() : 0;
    }

    /**
     * Moves the live file aside and opens a fresh one. A failed rename (the file was deleted or moved behind our
     * back, a full disk) is logged and writing goes on in whatever file the path now names: a line is never dropped
     * because rotation failed.
     */
    private void rotate() throws IOException {
        writeBuffer();
        channel.close();
        try {
            if (compress) {
                Path parked = path.resolveSibling(path.getFileName() + PENDING + pendingSeq++);
                Files.move(path, parked);
                synchronized (pending) {
                    pending.add(parked);
                }
                scheduleCompression();
            } else {
                synchronized (shiftLock) {
                    shift();
                    Files.move(path, rotatedPath(path, 1, false));
                }
            }
            rotations++;
        } catch (IOException e) {
            log.warn("cannot rotate " + path + "; writing on in place: " + e);
        } finally {
            open(false);
        }
    }

    private void shift() throws IOException {
        shiftRotated(path, keep);
    }

    /**
     * Makes room for a new {@code .1} of {@code path}: drops {@code .keep}, renames {@code .k} to {@code .k+1}, plain
     * or gzipped.
     */
    public static void shiftRotated(Path path, int keep) throws IOException {
        for (boolean gz : new boolean[] {false, true}) {
            Files.deleteIfExists(rotatedPath(path, keep, gz));
            for (int k = keep - 1; k >= 1; k--) {
                Path from = rotatedPath(path, k, gz);
                if (Files.exists(from))
                    Files.move(from, rotatedPath(path, k + 1, gz), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void scheduleCompression() {
        try {
            compressor.execute(this::compressPending);
        } catch (RejectedExecutionException e) {
            compressPending(); // the executor is shutting down: do it here rather than leave the file parked
        }
    }

    /** Gzips every parked file, oldest first, into {@code .1.gz}; each task drains the queue so order holds. */
    private void compressPending() {
        synchronized (shiftLock) {
            while (true) {
                Path parked;
                synchronized (pending) {
                    parked = pending.poll();
                }
                if (parked == null) return;
                try {
                    shift();
                    gzip(parked, rotatedPath(path, 1, true));
                    Files.delete(parked);
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot compress rotated log " + parked + "; it stays uncompressed: " + e);
                }
            }
        }
    }

    private static void gzip(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, fileAttributes("rw-------"));
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), BUFFER)) {
            in.transferTo(out);
        }
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Queues {@code .rotating-<n>} files left by a crash, oldest first, and continues numbering after them. */
    private void recoverPending() throws IOException {
        String prefix = path.getFileName() + PENDING;
        List<Path> found;
        try (Stream<Path> files = Files.list(path.getParent())) {
            found = files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith(prefix)
                                && name.substring(prefix.length()).matches("\\d{1,18}");
                    })
                    .sorted(Comparator.comparingLong(p -> seqOf(p, prefix)))
                    .toList();
        }
        if (found.isEmpty()) return;
        pendingSeq = seqOf(found.get(found.size() - 1), prefix) + 1;
        synchronized (pending) {
            pending.addAll(found);
        }
        scheduleCompression();
    }

    private static long seqOf(Path p, String prefix) {
        return Long.parseLong(p.getFileName().toString().substring(prefix.length()));
    }

    /**
     * On failure (a full disk) the unwritten records stay buffered for a retry; the bytes already written leave the
     * buffer, so a retry neither writes them twice nor tears the record they end in.
     */
    private void writeBuffer() throws IOException {
        if (buffered == 0) return;
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, buffered);
        try {
            writeFully(b);
        } finally {
            int written = b.position();
            System.arraycopy(buffer, written, buffer, 0, buffered - written);
            buffered -= written;
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) channel.write(b);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.getParent();
        if (parent == null || Files.isDirectory(parent)) return;
        try {
            Files.createDirectories(parent, fileAttributes("rwx------"));
        } catch (FileAlreadyExistsException e) {
            // a race with another creator: fine as long as it is a folder, which opening the file will tell
        }
    }

    private static FileAttribute<?>[] fileAttributes(String permissions) {
        return POSIX
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
