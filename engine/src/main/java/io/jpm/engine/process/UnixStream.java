package io.jpm.engine.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * The AF_UNIX stream calls the JDK lacks for a channel to a child: a connected pair whose ends are file descriptors,
 * and a send that can carry one descriptor along ({@code SCM_RIGHTS}).
 */
public final class UnixStream {
    private interface CLib extends Library {
        int socketpair(int domain, int type, int protocol, int[] fds);

        long sendmsg(int fd, Pointer message, int flags);

        int fcntl(int fd, int cmd, int arg);

        int shutdown(int fd, int how);
    }

    private static final CLib C = Native.load("c", CLib.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 04000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;

    /** What {@link #send} returns when the peer's buffer is full. */
    public static final int WOULD_BLOCK = -1;

    private UnixStream() {}

    /** A connected pair of stream sockets, both close-on-exec: {@code [ours, theirs]}; ours does not block. */
    public static int[] pair() throws IOException {
        int[] fds = new int[2];
        if (C.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
            throw new IOException("socketpair failed (errno " + Native.getLastError() + ")");
        }
        int flags = C.fcntl(fds[0], F_GETFL, 0);
        if (flags < 0 || C.fcntl(fds[0], F_SETFL, flags | O_NONBLOCK) < 0) {
            int errno = Native.getLastError();
            Posix.close(fds[0]);
            Posix.close(fds[1]);
            throw new IOException("cannot make a socket non-blocking (errno " + errno + ")");
        }
        return fds;
    }

    /**
     * Sends {@code data} from {@code offset} without blocking, with descriptor {@code passFd} attached unless it is
     * negative; returns the bytes sent or {@link #WOULD_BLOCK}.
     */
    public static int send(int fd, byte[] data, int offset, int passFd) throws IOException {
        int length = data.length - offset;
        if (length <= 0) return 0;
        // struct msghdr, struct iovec and one cmsghdr with an int, as laid out on 64-bit Linux
        try (Memory buffer = new Memory(length);
                Memory iov = new Memory(16);
                Memory control = new Memory(24);
                Memory message = new Memory(56)) {
            buffer.write(0, data, offset, length);
            iov.setPointer(0, buffer);
            iov.setLong(8, length);
            message.clear();
            message.setPointer(16, iov);
            message.setLong(24, 1);
            if (passFd >= 0) {
                control.clear();
                control.setLong(0, 20); // CMSG_LEN(sizeof(int))
                control.setInt(8, SOL_SOCKET);
                control.setInt(12, SCM_RIGHTS);
                control.setInt(16, passFd);
                message.setPointer(32, control);
                message.setLong(40, 24); // CMSG_SPACE(sizeof(int))
            }
            while (true) {
                long n = C.sendmsg(fd, message, MSG_DONTWAIT | MSG_NOSIGNAL);
                if (n >= 0) return (int) n;
                int errno = Native.getLastError();
                if (errno == EAGAIN) return WOULD_BLOCK;
                if (errno != EINTR) throw new IOException("send on fd " + fd + " failed (errno " + errno + ")");
            }
        }
    }

    /** Ends both directions of a connected socket, which wakes whoever waits on it; the descriptor stays open. */
    public static void shutdown(int fd) {
        C.shutdown(fd, 2);
    }
}
