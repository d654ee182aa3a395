package io.jpm.engine.notify;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * An AF_UNIX datagram socket, which the JDK lacks: what sd_notify sends on and what a notify socket receives on.
 * An address is a file path, or an abstract name written with a leading {@code '@'} (as in {@code NOTIFY_SOCKET}).
 *
 * <p>Not thread-safe, except {@link #close} which may be called from another thread to end a blocked receive.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /**
     * One datagram received, with its sender's pid and uid as the kernel vouches for them ({@code SO_PASSCRED}); both
     * are -1 when credentials were not asked for.
     */
    public record Datagram(String text, long pid, long uid) {}

    private interface CLib extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] address, int length);

        long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

        long recvmsg(int fd, Pointer message, int flags);

        int setsockopt(int fd, int level, int name, byte[] value, int length);

        int shutdown(int fd, int how);

        int close(int fd);
    }

    private static final CLib C = Native.load("c", CLib.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_PASSCRED = 16;
    private static final int SCM_CREDENTIALS = 2;
    private static final int MAX_DATAGRAM = 4096;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int SHUT_RDWR = 2;
    /** sizeof(sockaddr_un.sun_path) on Linux. */
    private static final int PATH_MAX = 108;

    /** The descriptor; -1 once closed. */
    private volatile int fd;

    private UnixDatagramSocket(int fd) {
        this.fd = fd;
    }

    /** A new unbound socket, for sending. */
    public static UnixDatagramSocket open() throws IOException {
        int fd = C.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed (errno " + Native.getLastError() + ")");
        return new UnixDatagramSocket(fd);
    }

    /** A socket bound to {@code address}, for receiving. */
    public static UnixDatagramSocket bound(String address) throws IOException {
        byte[] sockaddr = sockaddr(address);
        UnixDatagramSocket s = open();
        if (C.bind(s.fd, sockaddr, length(address)) < 0) {
            int errno = Native.getLastError();
            s.close();
            throw new IOException("cannot bind " + address + " (errno " + errno + ")");
        }
        return s;
    }

    /** Asks the kernel to attach each sender's credentials to what this socket receives ({@code SO_PASSCRED}). */
    public UnixDatagramSocket passCredentials() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1);
        if (C.setsockopt(fd, SOL_SOCKET, SO_PASSCRED, one.array(), 4) < 0) {
            throw new IOException("setsockopt(SO_PASSCRED) failed (errno " + Native.getLastError() + ")");
        }
        return this;
    }

    /** Sends one datagram to {@code address}. */
    public void send(String address, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        long n = C.sendto(fd, bytes, bytes.length, MSG_NOSIGNAL, sockaddr(address), length(address));
        if (n < 0) throw new IOException("cannot send to " + address + " (errno " + Native.getLastError() + ")");
    }

    /** Waits up to {@code timeout} for one datagram (at most 4 KiB); empty if none came or the socket was closed. */
    public Optional<String> receive(Duration timeout) throws IOException {
        return receiveFrom(timeout).map(Datagram::text);
    }

    /**
     * Waits up to {@code timeout} for one datagram (at most 4 KiB, the rest cut off) and who sent it; empty if none
     * came or the socket was closed.
     */
    public Optional<Datagram> receiveFrom(Duration timeout) throws IOException {
        long micros = Math.max(1, timeout.toNanos() / 1000);
        ByteBuffer tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        tv.putLong(micros / 1_000_000).putLong(micros % 1_000_000);
        int open = fd;
        if (open < 0) return Optional.empty();
        if (C.setsockopt(open, SOL_SOCKET, SO_RCVTIMEO, tv.array(), 16) < 0) {
            if (fd < 0) return Optional.empty();
            throw new IOException("setsockopt(SO_RCVTIMEO) failed (errno " + Native.getLastError() + ")");
        }
        // struct msghdr and struct iovec as laid out on 64-bit Linux
        Memory buffer = new Memory(MAX_DATAGRAM);
        Memory iov = new Memory(16);
        iov.setPointer(0, buffer);
        iov.setLong(8, MAX_DATAGRAM);
        Memory control = new Memory(64);
        Memory message = new Memory(56);
        while (true) {
            int current = fd;
            if (current < 0) return Optional.empty();
            message.clear();
            control.clear();
            message.setPointer(16, iov);
            message.setLong(24, 1);
            message.setPointer(32, control);
            message.setLong(40, control.size());
            long n = C.recvmsg(current, message, 0);
            if (n >= 0) {
                if (fd < 0) return Optional.empty();
                String text = new String(buffer.getByteArray(0, (int) n), StandardCharsets.UTF_8);
                return Optional.of(credentials(text, control, message.getLong(40)));
            }
            int errno = Native.getLastError();
            if (errno == EINTR) continue;
            if (errno == EAGAIN || fd < 0) return Optional.empty();
            throw new IOException("recvmsg failed (errno " + errno + ")");
        }
    }

    /** Reads the {@code SCM_CREDENTIALS} control message ({@code struct ucred}: pid, uid, gid), if there is one. */
    private static Datagram credentials(String text, Memory control, long length) {
        long offset = 0;
        while (offset + 16 <= length) {
            long cmsgLength = control.getLong(offset);
            if (cmsgLength < 16) break;
            if (control.getInt(offset + 8) == SOL_SOCKET
                    && control.getInt(offset + 12) == SCM_CREDENTIALS
                    && cmsgLength >= 28) {
                return new Datagram(
                        text,
                        Integer.toUnsignedLong(control.getInt(offset + 16)),
                        Integer.toUnsignedLong(control.getInt(offset + 20)));
            }
            offset += (cmsgLength + 7) & ~7L;
        }
        return new Datagram(text, -1, -1);
    }

    public boolean isClosed() {
        return fd < 0;
    }

    @Override
    public void close() {
        int current;
        synchronized (this) {
            current = fd;
            fd = -1;
        }
        if (current >= 0) {
            C.shutdown(current, SHUT_RDWR);
            C.close(current);
        }
    }

    /** A {@code struct sockaddr_un}: the family, then the path, or a NUL and the abstract name. */
    private static byte[] sockaddr(String address) {
        byte[] name = name(address);
        byte[] sa = new byte[2 + PATH_MAX];
        ByteBuffer.wrap(sa).order(ByteOrder.nativeOrder()).putShort((short) AF_UNIX);
        System.arraycopy(name, 0, sa, 2, name.length);
        return sa;
    }

    /** The address length: an abstract name counts no trailing NUL, a path counts one. */
    private static int length(String address) {
        return 2 + name(address).length + (address.startsWith("@") ? 0 : 1);
    }

    private static byte[] name(String address) {
        if (address.isEmpty()) throw new IllegalArgumentException("empty socket address");
        byte[] name;
        if (address.startsWith("@")) {
            byte[] rest = address.substring(1).getBytes(StandardCharsets.UTF_8);
            name = new byte[rest.length + 1];
            System.arraycopy(rest, 0, name, 1, rest.length);
        } else {
            name = address.getBytes(StandardCharsets.UTF_8);
        }
        if (name.length + (address.startsWith("@") ? 0 : 1) > PATH_MAX) {
            throw new IllegalArgumentException("socket address longer than " + PATH_MAX + " bytes: " + address);
        }
        return name;
    }
}
