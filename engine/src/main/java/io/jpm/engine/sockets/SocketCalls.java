package io.jpm.engine.sockets;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The socket calls the JDK hides behind its channels: a listening socket as a bare descriptor, and pidfd_getfd. */
final class SocketCalls {
    private interface CLib extends Library {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int name, int[] value, int length);

        int bind(int fd, byte[] address, int length);

        int listen(int fd, int backlog);

        int getsockname(int fd, byte[] address, int[] length);

        int getsockopt(int fd, int level, int name, byte[] value, int[] length);

        int close(int fd);

        long syscall(long number, Object... args);
    }

    private static final CLib C = Native.load("c", CLib.class);

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int EAFNOSUPPORT = 97;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_INFO = 11;
    /** tcpi_state of a listening socket, and the offset of tcpi_unacked in struct tcp_info (little-endian u32). */
    private static final int TCP_LISTEN = 10;

    private static final int TCPI_UNACKED = 24;
    /** pidfd_open and pidfd_getfd: the same numbers on every Linux architecture since 5.3/5.6. */
    private static final long SYS_PIDFD_OPEN = 434;

    private static final long SYS_PIDFD_GETFD = 438;
    /** sizeof(sockaddr_un.sun_path) on Linux. */
    private static final int UNIX_PATH_MAX = 108;

    private SocketCalls() {}

    /**
     * A close-on-exec TCP socket listening on {@code host} (null: every address, IPv6 and IPv4 when the host has
     * IPv6) and {@code port} with {@code backlog}, or an IOException naming the address.
     */
    static int listenTcp(String host, int port, int backlog) throws IOException {
        InetAddress ip = host == null ? null : InetAddress.getByName(host);
        if (ip == null) {
            int fd = C.socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd >= 0) {
                C.setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, new int[] {0}, 4);
                return bindAndListen(fd, sockaddr6(new byte[16], port), "*:" + port, backlog);
            }
            if (Native.getLastError() != EAFNOSUPPORT) throw failure("socket", "*:" + port);
            ip = InetAddress.getByAddress(new byte[4]);
        }
        int family = ip instanceof Inet6Address ? AF_INET6 : AF_INET;
        int fd = C.socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw failure("socket", host + ":" + port);
        byte[] sockaddr =
                ip instanceof Inet4Address ? sockaddr4(ip.getAddress(), port) : sockaddr6(ip.getAddress(), port);
        return bindAndListen(fd, sockaddr, host + ":" + port, backlog);
    }

    /** A close-on-exec Unix stream socket listening at {@code path}; a stale socket file there is replaced. */
    static int listenUnix(String path, int backlog) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= UNIX_PATH_MAX) throw new IOException("socket path too long: " + path);
        Path file = Path.of(path);
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) Files.delete(file);
        int fd = C.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw failure("socket", path);
        byte[] sockaddr = new byte[2 + UNIX_PATH_MAX];
        sockaddr[0] = AF_UNIX; // sa_family_t in host (little-endian) order
        System.arraycopy(name, 0, sockaddr, 2, name.length);
        return bindAndListen(fd, sockaddr, path, backlog);
    }

    private static int bindAndListen(int fd, byte[] sockaddr, String what, int backlog) throws IOException {
        C.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, new int[] {1}, 4);
        if (C.bind(fd, sockaddr, sockaddr.length) < 0) {
            IOException e = failure("bind", what);
            C.close(fd);
            throw e;
        }
        if (C.listen(fd, backlog) < 0) {
            IOException e = failure("listen", what);
            C.close(fd);
            throw e;
        }
        return fd;
    }

    /** The TCP port a socket is bound to (from getsockname), 0 for another kind. */
    static int localPort(int fd) {
        byte[] sockaddr = new byte[128];
        int[] length = {sockaddr.length};
        if (C.getsockname(fd, sockaddr, length) < 0) return 0;
        int family = (sockaddr[0] & 0xff) | (sockaddr[1] & 0xff) << 8;
        if (family != AF_INET && family != AF_INET6) return 0;
        return (sockaddr[2] & 0xff) << 8 | (sockaddr[3] & 0xff);
    }

    /**
     * The connections waiting in the accept queue of a listening TCP socket, or -1: for a socket in the listen state
     * the kernel reports its accept queue as {@code tcpi_unacked} in {@code TCP_INFO} (and the backlog as
     * {@code tcpi_sacked}), one call with no table to read.
     */
    static int acceptQueue(int fd) {
        byte[] info = new byte[104];
        int[] length = {info.length};
        if (C.getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, length) < 0 || length[0] < TCPI_UNACKED + 4) return -1;
        if (info[0] != TCP_LISTEN) return -1;
        return (info[TCPI_UNACKED] & 0xff)
                | (info[TCPI_UNACKED + 1] & 0xff) << 8
                | (info[TCPI_UNACKED + 2] & 0xff) << 16
                | (info[TCPI_UNACKED + 3] & 0xff) << 24;
    }

    /**
     * A close-on-exec copy, in this process, of descriptor {@code fd} of process {@code pid}
     * ({@code pidfd_open} + {@code pidfd_getfd}, Linux 5.6); needs the right to ptrace that process.
     */
    static int takeFrom(long pid, int fd) throws IOException {
        int pidfd = (int) C.syscall(SYS_PIDFD_OPEN, (int) pid, 0);
        if (pidfd < 0) throw new IOException("pidfd_open(" + pid + ") failed (errno " + Native.getLastError() + ")");
        try {
            int copy = (int) C.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0);
            if (copy < 0) {
                throw new IOException(
                        "pidfd_getfd(" + pid + ", " + fd + ") failed (errno " + Native.getLastError() + ")");
            }
            return copy;
        } finally {
            C.close(pidfd);
        }
    }

    static void close(int fd) {
        C.close(fd);
    }

    /** The inode of a socket descriptor of process {@code pid} ("self" for this one), or -1. */
    static long inode(String pid, int fd) {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc", pid, "fd", Integer.toString(fd)))
                    .toString();
            if (!link.startsWith("socket:[")) return -1;
            return Long.parseLong(link.substring("socket:[".length(), link.length() - 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static byte[] sockaddr4(byte[] ip, int port) {
        byte[] a = new byte[16];
        a[0] = AF_INET;
        a[2] = (byte) (port >> 8);
        a[3] = (byte) port;
        System.arraycopy(ip, 0, a, 4, 4);
        return a;
    }

    private static byte[] sockaddr6(byte[] ip, int port) {
        byte[] a = new byte[28];
        a[0] = AF_INET6;
        a[2] = (byte) (port >> 8);
        a[3] = (byte) port;
        System.arraycopy(ip, 0, a, 8, 16);
        return a;
    }

    private static IOException failure(String call, String what) {
        int errno = Native.getLastError();
        String reason =
                switch (errno) {
                    case 98 -> "address already in use";
                    case 99 -> "address not available";
                    case 13 -> "permission denied";
                    default -> call + " failed (errno " + errno + ")";
                };
        return new IOException("cannot listen on " + what + ": " + reason);
    }
}
