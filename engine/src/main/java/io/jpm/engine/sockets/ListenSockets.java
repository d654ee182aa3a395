package io.jpm.engine.sockets;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.jpm.engine.process.Posix;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's listening sockets, by app and address: bound once, shared by every process of the app, and closed
 * when the app goes. (A stand-in with the registry's signatures; the sockets work replaces it.)
 */
public final class ListenSockets implements AutoCloseable {
    private interface CLib extends Library {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int name, byte[] value, int length);

        int bind(int fd, byte[] address, int length);

        int listen(int fd, int backlog);
    }

    private static final CLib C = Native.load("c", CLib.class);

    private final Map<String, Map<ListenAddress, ListenSocket>> byApp = new HashMap<>();

    /** The app's socket at {@code address}, bound and listening on the first call. */
    public synchronized ListenSocket acquire(String app, ListenAddress address) throws IOException {
        Optional<ListenSocket> known = find(app, address);
        if (known.isPresent()) return known.get();
        int fd = bind(address);
        ListenSocket s = new ListenSocket(address, fd, inode(fd));
        byApp.computeIfAbsent(app, a -> new HashMap<>()).put(address, s);
        return s;
    }

    /** Takes {@code fd}, already listening at {@code address}, as the app's socket there. */
    public synchronized void adopt(String app, ListenAddress address, int fd) {
        ListenSocket old =
                byApp.computeIfAbsent(app, a -> new HashMap<>()).put(address, new ListenSocket(address, fd, inode(fd)));
        if (old != null && old.fd() != fd) Posix.close(old.fd());
    }

    /** Closes every socket of {@code app}, removing the files of its Unix sockets. */
    public synchronized void release(String app) {
        Map<ListenAddress, ListenSocket> sockets = byApp.remove(app);
        if (sockets == null) return;
        for (ListenSocket s : sockets.values()) {
            Posix.close(s.fd());
            if (s.address().path() != null) {
                try {
                    java.nio.file.Files.deleteIfExists(Path.of(s.address().path())); // as libuv does at close
                } catch (IOException e) {
                    // a stale socket file fails the next bind with a clear error
                }
            }
        }
    }

    public synchronized Optional<ListenSocket> find(String app, ListenAddress address) {
        return Optional.ofNullable(byApp.getOrDefault(app, Map.of()).get(address));
    }

    @Override
    public synchronized void close() {
        for (String app : Map.copyOf(byApp).keySet()) release(app);
    }

    private static int bind(ListenAddress a) throws IOException {
        if (a.path() != null) return bound(1, unix(a.path()), a);
        if (a.host() == null || a.host().isEmpty()) {
            try {
                return bound(10, inet6(InetAddress.getByName("::"), a.port()), a);
            } catch (IOException e) {
                return bound(2, inet4(InetAddress.getByName("0.0.0.0"), a.port()), a);
            }
        }
        InetAddress ip = InetAddress.getByName(a.host());
        return ip instanceof Inet4Address ? bound(2, inet4(ip, a.port()), a) : bound(10, inet6(ip, a.port()), a);
    }

    private static int bound(int family, byte[] sockaddr, ListenAddress a) throws IOException {
        int fd = C.socket(family, 1 | 02000000, 0); // SOCK_STREAM | SOCK_CLOEXEC
        if (fd < 0) throw new IOException("socket failed (errno " + Native.getLastError() + ")");
        byte[] one =
                ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1).array();
        byte[] zero = new byte[4];
        if (family != 1) C.setsockopt(fd, 1, 2, one, 4); // SO_REUSEADDR
        if (family == 10) C.setsockopt(fd, 41, 26, zero, 4); // IPV6_V6ONLY off: both families
        if (C.bind(fd, sockaddr, sockaddr.length) != 0 || C.listen(fd, 511) != 0) {
            int errno = Native.getLastError();
            Posix.close(fd);
            throw new IOException("cannot listen on " + describe(a) + " (errno " + errno + ")");
        }
        return fd;
    }

    private static String describe(ListenAddress a) {
        return a.path() != null ? a.path() : (a.host() == null ? "*" : a.host()) + ":" + a.port();
    }

    private static byte[] inet4(InetAddress ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        b.putShort((short) 2).order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(ip.getAddress());
        return b.array();
    }

    private static byte[] inet6(InetAddress ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        b.putShort((short) 10)
                .order(ByteOrder.BIG_ENDIAN)
                .putShort((short) port)
                .putInt(0)
                .put(ip.getAddress());
        return b.array();
    }

    private static byte[] unix(String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + Math.min(p.length, 107) + 1).order(ByteOrder.nativeOrder());
        b.putShort((short) 1).put(p, 0, Math.min(p.length, 107));
        return b.array();
    }

    private static long inode(int fd) {
        String link = Posix.fileOf(fd).map(Path::toString).orElse("");
        try {
            return link.startsWith("socket:[") ? Long.parseLong(link.substring(8, link.length() - 1)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
